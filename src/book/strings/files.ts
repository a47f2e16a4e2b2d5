/**
 * Strings of the checks every file input makes (src/engine/fileChecks.ts). Keys are `error.<code>`,
 * so translateError()/useErrorText() in ../i18n.ts word a FileProblem (a BookError) like any other.
 */
const en = {
  'error.file.empty': '{name} is empty. Choose a file that has something in it.',
  'error.file.tooLarge': '{name} is {size}, more than the {limit} this page can hold in memory. Choose a smaller file, or a part of it.',
  'error.file.binary': '{name} is not a text file (it has a zero byte at position {at}, as images and other binary files do). Choose a plain-text file.',
  'error.file.notUtf8': '{name} is not UTF-8 text. Save it as UTF-8 (plain text) and choose it again.',
  'error.file.tooShort': '{name} has {chars} characters; one training batch needs at least {needed}. Choose a longer text.',
  'error.file.weightsSize': 'The weight files hold {got} bytes, but model.json describes {expected} bytes of weights. Choose the weight files that belong to this model.json.',
};

const zh: Record<keyof typeof en, string> = {
  'error.file.empty': '{name} 是空文件。请选择一个有内容的文件。',
  'error.file.tooLarge': '{name} 有 {size}，超过了本页面能放进内存的 {limit}。请选择更小的文件，或只取其中一部分。',
  'error.file.binary': '{name} 不是文本文件（它在第 {at} 个字节处有一个零字节，图片等二进制文件才会这样）。请选择纯文本文件。',
  'error.file.notUtf8': '{name} 不是 UTF-8 文本。请把它另存为 UTF-8（纯文本）后重新选择。',
  'error.file.tooShort': '{name} 只有 {chars} 个字符，一个训练批次至少需要 {needed} 个。请选择更长的文本。',
  'error.file.weightsSize': '权重文件共有 {got} 个字节，而 model.json 描述的权重是 {expected} 个字节。请选择与这个 model.json 配套的权重文件。',
};

export default { en, zh };
