/**
 * Strings of the model export (src/widgets/shared/ModelExport.tsx) and the prose inside the
 * notebooks it writes (src/engine/notebook/writeNotebook.ts): "notebook.text.*" fills NotebookText.
 */
const en = {
  'notebook.title': 'Take this model to Python',
  'notebook.download': 'Download notebook (.ipynb)',
  'notebook.preparing': 'Writing the notebook…',
  'notebook.downloaded': 'Notebook saved as {file}',
  'notebook.failed': 'Could not write the notebook: {reason}',
  'notebook.unavailable': 'Build the model first: the notebook carries its weights and a prediction.',
  'notebook.hint': 'The notebook holds this model’s weights, a NumPy forward pass that reproduces the browser’s prediction, and the Keras code to keep training it on a GPU (Colab, say).',
  'notebook.keras': 'Copy as Keras',
  'notebook.tfjs': 'Copy as tfjs',
  'notebook.kerasLabel': 'Keras (Python)',
  'notebook.tfjsLabel': 'tfjs (TypeScript)',
  'notebook.fact.chapter': 'Chapter',
  'notebook.fact.trained': 'Trained',
  'notebook.fact.untrained': 'Not trained: the weights are the initial random ones',
  'notebook.fact.backend': 'tfjs backend',
  'notebook.fact.exported': 'Exported',
  'notebook.fact.params': 'Parameters',
  'notebook.text.intro':
    'Written by *Unrolled*, an interactive book about recurrent networks. Run the cells top to bottom. Cells tagged `keras` need TensorFlow (Colab has it; for a GPU choose Runtime → Change runtime type); every other cell needs only NumPy.',
  'notebook.text.kerasHeading': 'The same model in Keras',
  'notebook.text.kerasNote':
    'The arguments that differ from Keras’ defaults are the ones that make Keras build what tfjs built (gate activation, `unit_forget_bias`, `reset_after=False`), so the browser’s weights fit with `set_weights`. The initializers matter only if you train from scratch: below, every weight is replaced by the browser’s.',
  'notebook.text.weightsHeading': 'The weights from the browser',
  'notebook.text.weightsNote': 'Every array exactly as the browser held it: float32, little-endian, base64. The cell is folded; it prints the names and shapes.',
  'notebook.text.numpyHeading': 'A forward pass in NumPy',
  'notebook.text.numpyNote': 'The model computed with nothing but NumPy, written like the book’s hand computation: row vectors, h = f(x·W + h·U + b), one time step at a time.',
  'notebook.text.checkHeading': 'NumPy reproduces the browser',
  'notebook.text.checkNote': 'One example input, the prediction tfjs made for it in the browser, and an assert that the NumPy pass gives the same numbers to within 1e-5 (both compute in float32).',
  'notebook.text.kerasCheckHeading': 'The same weights in Keras',
  'notebook.text.kerasCheckNote': 'Load the browser’s weights into the Keras model and predict the same example. A GPU’s kernels add up in another order, so this check allows 1e-4.',
  'notebook.text.samplingHeading': 'Generating text with NumPy',
  'notebook.text.samplingNote': 'Prime the model with a string, then draw one character at a time: keep the N most likely characters, sharpen or flatten with a temperature, draw, feed the character back in.',
  'notebook.text.trainingHeading': 'Keep training',
  'notebook.text.trainingNote': 'Compile with the loss and optimizer the browser used and go on training from these weights, on a GPU if you have one.',
};

const zh: Record<keyof typeof en, string> = {
  'notebook.title': '把这个模型带到 Python',
  'notebook.download': '下载 notebook（.ipynb）',
  'notebook.preparing': '正在生成 notebook……',
  'notebook.downloaded': 'notebook 已保存为 {file}',
  'notebook.failed': '无法生成 notebook：{reason}',
  'notebook.unavailable': '请先构建模型：notebook 里要放它的权重和一次预测。',
  'notebook.hint': 'notebook 里有这个模型的权重、一个能复现浏览器预测的 NumPy 前向计算，以及在 GPU（例如 Colab）上继续训练所需的 Keras 代码。',
  'notebook.keras': '复制为 Keras',
  'notebook.tfjs': '复制为 tfjs',
  'notebook.kerasLabel': 'Keras（Python）',
  'notebook.tfjsLabel': 'tfjs（TypeScript）',
  'notebook.fact.chapter': '章节',
  'notebook.fact.trained': '训练情况',
  'notebook.fact.untrained': '未训练：权重是初始的随机值',
  'notebook.fact.backend': 'tfjs 后端',
  'notebook.fact.exported': '导出时间',
  'notebook.fact.params': '参数个数',
  'notebook.text.intro':
    '由交互式循环神经网络读本 *Unrolled* 生成。请从上到下依次运行。带 `keras` 标签的单元需要 TensorFlow（Colab 已自带；要用 GPU，请选“代码执行程序 → 更改运行时类型”），其余单元只需要 NumPy。',
  'notebook.text.kerasHeading': '用 Keras 搭同一个模型',
  'notebook.text.kerasNote':
    '与 Keras 默认值不同的那些参数，正是让 Keras 搭出与 tfjs 相同模型的参数（门的激活函数、`unit_forget_bias`、`reset_after=False`），这样浏览器里的权重才能用 `set_weights` 装进去。初始化方式只在从头训练时才有意义：下面会用浏览器里的权重替换全部权重。',
  'notebook.text.weightsHeading': '来自浏览器的权重',
  'notebook.text.weightsNote': '每个数组都与浏览器中一模一样：float32、小端序、base64 编码。此单元默认折叠，运行后会打印各数组的名称和形状。',
  'notebook.text.numpyHeading': '用 NumPy 做前向计算',
  'notebook.text.numpyNote': '只用 NumPy 计算这个模型，写法与书中的手算一致：行向量，h = f(x·W + h·U + b)，一次一个时间步。',
  'notebook.text.checkHeading': 'NumPy 复现浏览器的结果',
  'notebook.text.checkNote': '一个示例输入、tfjs 在浏览器中对它的预测，以及一个断言：NumPy 的结果与之相差不超过 1e-5（两者都用 float32 计算）。',
  'notebook.text.kerasCheckHeading': '把同样的权重装进 Keras',
  'notebook.text.kerasCheckNote': '把浏览器的权重装进 Keras 模型，对同一个示例做预测。GPU 的内核求和顺序不同，所以这里允许 1e-4 的误差。',
  'notebook.text.samplingHeading': '用 NumPy 生成文本',
  'notebook.text.samplingNote': '先用一段字符串预热模型，然后一次生成一个字符：只保留最可能的 N 个字符，用温度让分布更尖锐或更平坦，采样，再把这个字符送回模型。',
  'notebook.text.trainingHeading': '继续训练',
  'notebook.text.trainingNote': '用浏览器中使用的损失函数和优化器编译模型，从这些权重出发继续训练；有 GPU 就用 GPU。',
};

export default { en, zh };
