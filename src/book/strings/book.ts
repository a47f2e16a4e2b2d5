/** Strings of the book's own chrome: navigation, pages, theme, the widget frame and fields. */
const en = {
  'site.title': 'Unrolled',
  'site.tagline': 'recurrent neural networks, step by step',
  'page.title': '{title} — Unrolled',

  'nav.home': 'Home',
  'nav.skipToContent': 'Skip to content',
  'nav.contents': 'Contents',
  'nav.closeContents': 'Close contents',
  'nav.tableOfContents': 'Table of contents',
  'nav.chapterNumber': 'Chapter {n}',
  'nav.previous': 'Previous',
  'nav.next': 'Next',
  'nav.chapterNavigation': 'Chapter navigation',

  'theme.switch': 'Theme: {current}. Click to switch.',
  'theme.system': 'System',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
  'language.label': 'Language',

  'home.lead':
    'An interactive book about recurrent neural networks. It builds the simple RNN, the LSTM and the GRU from their equations, stacks them and runs them in both directions, and ends with character-level language models that train right here in your browser.',
  'home.widgets':
    'Every chapter has live widgets: change a number, step through time, train a small model and watch what happens. Nothing is sent to a server; all of the computation runs on your machine.',
  'home.chapters': 'Chapters',
  'home.noChapters': 'No chapters have been written yet.',

  'chapter.loading': 'Loading chapter…',
  'chapter.loadFailed': 'This chapter could not be loaded.',
  'chapter.untranslated': 'This chapter has not been translated yet, so it is shown in English.',
  'chapter.sectionLink': 'Link to this section',
  'chapter.scrollRegion': 'Scrollable: focus it and use the arrow keys',
  'chapter.source': 'Source',
  'chapter.recipe': 'recipe',
  'chapter.recipes': 'recipes',
  'chapter.from': 'from',

  'home.sources': 'The texts this book is built from',

  'sources.title': 'Sources',
  'sources.lead':
    'The book follows five texts on recurrent networks, all in Chinese. It teaches the same recipes and reproduces the numbers they print, in its own words and its own TypeScript.',
  'sources.original': 'Title in the text',
  'sources.link': 'Original article',
  'sources.usedIn': 'Used in',
  'sources.note': 'Each chapter names its sources at its foot; the repository keeps the texts’ file names in the chapters’ frontmatter.',

  'offline.notCached': 'You are offline, and this part of the book was not saved for offline reading yet.',
  'update.ready': 'A new version of the book is available.',
  'update.reload': 'Reload',
  'update.elsewhere': 'The book was updated in another tab. Reload this page to continue with the new version.',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at {path}. The link may be mistyped, or the page may have moved.',
  'notFound.home': 'Go to the home page',

  'note.label': 'Note',

  'widget.reset': 'Reset',
  'widget.error': 'Something went wrong in this widget',
  'widget.tryAgain': 'Try again',
  'widget.loading': 'loading widget…',
  'widget.needsScript': 'An interactive widget goes here; it needs JavaScript.',
  'widget.link.copy': 'Copy link to this state',
  'widget.link.label': 'Link to this state',
  'widget.link.copied': 'Copied to the clipboard.',
  'widget.link.select': 'Copying is blocked here: select the link and copy it yourself.',
  'widget.link.weights': 'Trained weights are too big for a link: it keeps the settings, not the training. To keep the weights, use “{export}”.',
  'widget.link.note': "This link's settings for this widget could not be read ({detail}), so it starts from its defaults.",
  'widget.link.files': 'Files you open here stay in this browser: a link never carries them.',

  'field.notANumber': 'Enter a number',
  'field.tooSmall': 'Must be at least {min}',
  'field.tooLarge': 'Must be at most {max}',
};

const zh: Record<keyof typeof en, string> = {
  'site.title': 'Unrolled',
  'site.tagline': '循环神经网络，一步一步展开',
  'page.title': '{title} — Unrolled',

  'nav.home': '首页',
  'nav.skipToContent': '跳到正文',
  'nav.contents': '目录',
  'nav.closeContents': '关闭目录',
  'nav.tableOfContents': '目录',
  'nav.chapterNumber': '第 {n} 章',
  'nav.previous': '上一章',
  'nav.next': '下一章',
  'nav.chapterNavigation': '章节导航',

  'theme.switch': '主题：{current}。点击切换。',
  'theme.system': '跟随系统',
  'theme.light': '浅色',
  'theme.dark': '深色',
  'language.label': '语言',

  'home.lead':
    '一本关于循环神经网络的交互式书籍。它从公式出发构建简单 RNN、LSTM 和 GRU，把它们堆叠起来、双向运行，最后在你的浏览器里训练字符级语言模型。',
  'home.widgets':
    '每一章都有可以动手操作的小部件：改一个数字、沿时间逐步前进、训练一个小模型，然后观察会发生什么。数据不会发送到服务器，所有计算都在你的电脑上完成。',
  'home.chapters': '章节',
  'home.noChapters': '还没有写好的章节。',

  'chapter.loading': '正在加载本章…',
  'chapter.loadFailed': '本章加载失败。',
  'chapter.untranslated': '本章尚未翻译，因此显示英文原文。',
  'chapter.sectionLink': '本节链接',
  'chapter.scrollRegion': '可滚动区域：先聚焦，再用方向键滚动',
  'chapter.source': '来源',
  'chapter.recipe': '示例',
  'chapter.recipes': '示例',
  'chapter.from': '取材自',

  'home.sources': '本书依据的原始资料',

  'sources.title': '资料来源',
  'sources.lead': '本书依据五篇讲循环神经网络的中文资料，讲授相同的示例，并复现其中给出的数字；文字和 TypeScript 代码都是本书自己写的。',
  'sources.original': '原文标题',
  'sources.link': '原文链接',
  'sources.usedIn': '用到它的章节',
  'sources.note': '每章末尾列出该章的资料来源；仓库在各章的 frontmatter 中保留了资料的文件名。',

  'offline.notCached': '当前处于离线状态，而本书的这一部分还没有保存到本机。',
  'update.ready': '本书有新版本。',
  'update.reload': '重新加载',
  'update.elsewhere': '本书已在另一个标签页中更新。请重新加载本页，以使用新版本。',

  'notFound.title': '页面不存在',
  'notFound.body': '{path} 没有对应的页面。链接可能有误，或者页面已经移动。',
  'notFound.home': '返回首页',

  'note.label': '注',

  'widget.reset': '重置',
  'widget.error': '这个小部件出错了',
  'widget.tryAgain': '重试',
  'widget.loading': '正在加载小部件…',
  'widget.needsScript': '这里是一个交互小部件，需要启用 JavaScript。',
  'widget.link.copy': '复制指向此状态的链接',
  'widget.link.label': '指向此状态的链接',
  'widget.link.copied': '已复制到剪贴板。',
  'widget.link.select': '此处无法自动复制：请选中链接后自行复制。',
  'widget.link.weights': '训练好的权重太大，放不进链接：链接只保存设置，不保存训练结果。要保留权重，请使用“{export}”。',
  'widget.link.note': '无法读取此链接中这个小部件的设置（{detail}），因此它从默认设置开始。',
  'widget.link.files': '你在这里打开的文件只留在本浏览器中，链接从不携带它们。',

  'field.notANumber': '请输入数字',
  'field.tooSmall': '不能小于 {min}',
  'field.tooLarge': '不能大于 {max}',
};

export default { en, zh };
