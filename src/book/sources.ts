/**
 * The texts the book is built from, as the books and articles they are. Chapters name their
 * sources by file in their frontmatter (`sources: [000_….txt]`); the reader sees these titles and
 * the Sources page instead. Facts here are what the texts themselves say (their titles, the
 * article's original address, the notes' front matter); where a text does not name its book, the
 * entry says so rather than guessing.
 */
import type { Locale } from './locales';

type Text = Record<Locale, string>;

export interface SourceText {
  /** The seed file the frontmatter names. */
  file: string;
  /** Anchor on the Sources page. */
  id: string;
  /** What to call it in a sentence: a title the reader can look up. */
  title: Text;
  /** The title as the (Chinese) text itself gives it. */
  original: string;
  /** Who wrote it or where it comes from. */
  origin: Text;
  url?: string;
  /** What each chapter (by slug) takes from it. */
  draws: Record<string, Text>;
}

export const sourceTexts: SourceText[] = [
  {
    file: '000_dfb7446b617f0cec.txt',
    id: 'keras-cookbook-ch11',
    title: { en: 'A Keras cookbook, chapter 11: “Building a recurrent neural network”', zh: 'Keras 实践手册第十一章《构建循环神经网络》' },
    original: '第十一章：构建循环神经网络',
    origin: {
      en: 'Chinese translation of one chapter of a recipe-style Keras book (“Getting ready / How to do it… / There’s more…”); the text does not name the book or its author.',
      zh: '一本“准备 / 操作步骤 / 更多内容”体例的 Keras 实践手册中一章的中文译本；文本本身没有给出书名和作者。',
    },
    draws: {
      'shapes-of-recurrence': { en: 'the kinds of recurrent architecture, each with an example task', zh: '几种循环结构及各自的示例任务' },
      'why-order-matters': { en: '“A is faster than B” and the bag-of-words blind spot', zh: '“A is faster than B”与词袋表示忽略词序的问题' },
      'rnn-from-scratch': { en: 'the toy documents, their encoding, and predict recomputed by hand', zh: '玩具文档、编码方式，以及手工复算 predict' },
      'rnn-sentiment': { en: 'the tweet sentiment classifier with Embedding and SimpleRNN(40)', zh: '用 Embedding 和 SimpleRNN(40) 做推文情感分类' },
      'vanishing-gradients': { en: 'the expansion of h5 in powers of U', zh: 'h5 按 U 的幂展开' },
      'lstm-from-scratch': { en: 'the LSTM gates and the hand-computed LSTM(1)', zh: 'LSTM 的各个门与手工复算的 LSTM(1)' },
      'lstm-sentiment': { en: 'the LSTM(40) classifier and its kernel slices', zh: 'LSTM(40) 分类器及其权重切片' },
      'stacked-lstm': { en: 'stacking LSTMs with return_sequences', zh: '用 return_sequences 堆叠 LSTM' },
      gru: { en: 'the GRU recipe', zh: 'GRU 示例' },
    },
  },
  {
    file: '001_6e8770f84a832443.txt',
    id: 'practical-guide-keras',
    title: { en: 'Mohit Mayank, “A practical guide to RNN and LSTM in Keras”', zh: 'Mohit Mayank《Keras 中 RNN 与 LSTM 实用指南》' },
    original: '喀拉斯 RNN 和 LSTM 实用指南',
    origin: {
      en: 'Chinese translation of an article in Towards Data Science by Mohit Mayank.',
      zh: 'Mohit Mayank 发表在 Towards Data Science 上的文章的中文译本。',
    },
    url: 'https://towardsdatascience.com/a-practical-guide-to-rnn-and-lstm-in-keras-980f176271bc',
    draws: {
      'stacked-lstm': { en: 'why and how recurrent layers are stacked', zh: '为什么以及如何堆叠循环层' },
      'layer-arguments': { en: 'the layer arguments, weight names and parameter formulas', zh: '层参数、权重名称与参数个数公式' },
    },
  },
  {
    file: '002_9441ffa5940a9cd9.txt',
    id: 'rnn-explained',
    title: { en: '“Recurrent neural networks explained” (ShaoQiBNU/RNN)', zh: '《循环神经网络详解》（ShaoQiBNU/RNN）' },
    original: '循环神经网络详解',
    origin: {
      en: 'A Chinese tutorial whose figures live in the GitHub repository ShaoQiBNU/RNN.',
      zh: '一篇中文教程，插图存放在 GitHub 仓库 ShaoQiBNU/RNN 中。',
    },
    url: 'https://github.com/ShaoQiBNU/RNN',
    draws: {
      'lstm-from-scratch': { en: 'the gate-by-gate equations and the concatenated weights', zh: '逐个门的公式与拼接后的权重矩阵' },
      'stacked-lstm-dropout': { en: 'the stacked LSTM with dropout on IMDB', zh: 'IMDB 上带 dropout 的堆叠 LSTM' },
      bidirectional: { en: 'the bidirectional RNN and its concatenated states', zh: '双向 RNN 及其拼接的状态' },
      'mnist-rows': { en: 'the LSTM that reads MNIST digits row by row', zh: '逐行读取 MNIST 数字的 LSTM' },
    },
  },
  {
    file: '003_6b0879e2bba2881d.txt',
    id: 'dlwp-notes',
    title: { en: 'Notes on Deep Learning with Python (François Chollet), “Understanding recurrent neural networks”', zh: '《Python 深度学习》（François Chollet）学习笔记：理解循环神经网络' },
    original: 'Python深度学习之理解循环神经网络',
    origin: {
      en: 'Study notes by cdfmlr (2020) on Deep Learning with Python, converted from the notebooks in the GitHub repository cdfmlr/Deep-Learning-with-Python-Notebooks.',
      zh: 'cdfmlr 于 2020 年写的《Python 深度学习》学习笔记，由 GitHub 仓库 cdfmlr/Deep-Learning-with-Python-Notebooks 中的笔记本转换而来。',
    },
    url: 'https://github.com/cdfmlr/Deep-Learning-with-Python-Notebooks',
    draws: {
      'rnn-from-scratch': { en: 'the NumPy forward pass of a toy RNN', zh: '玩具 RNN 的 NumPy 前向传播' },
      'vanishing-gradients': { en: 'why plain RNNs forget early inputs', zh: '简单 RNN 为什么会遗忘早期输入' },
      'layer-arguments': { en: 'return_sequences and the output shapes', zh: 'return_sequences 与输出形状' },
      gru: { en: 'the GRU layer', zh: 'GRU 层' },
      'imdb-rnn-lstm-gru': { en: 'IMDB with SimpleRNN, LSTM and GRU side by side', zh: '在 IMDB 上并排比较 SimpleRNN、LSTM 和 GRU' },
    },
  },
  {
    file: '004_ae0b468c381f5b00.txt',
    id: 'rnn-language-modelling',
    title: { en: 'A deep-learning book, chapter 10: “Language modelling with recurrent neural networks”', zh: '某深度学习书第十章《循环神经网络语言建模》' },
    original: '十、循环神经网络语言建模',
    origin: {
      en: 'Chinese translation of one chapter of a TensorFlow 1 book, following Andrej Karpathy’s char-rnn; the text does not name the book or its author.',
      zh: '一本使用 TensorFlow 1 的书中一章的中文译本，沿用 Andrej Karpathy 的 char-rnn；文本本身没有给出书名和作者。',
    },
    draws: {
      'shapes-of-recurrence': { en: 'the recurrent architectures and their uses', zh: '循环结构及其用途' },
      'vanishing-gradients': { en: 'the vanishing gradient problem', zh: '梯度消失问题' },
      'lstm-from-scratch': { en: 'why the LSTM works', zh: 'LSTM 为什么有效' },
      'stacked-lstm': { en: 'stacked LSTM cells', zh: '堆叠的 LSTM 单元' },
      'char-language-model': { en: 'the “hello” character model and softmax sampling', zh: '“hello”字符模型与 softmax 采样' },
      'char-minibatches': { en: 'the mini-batch layout and its wrap-around targets', zh: '小批量的排布方式与首尾相接的目标' },
      'char-lstm-novel': { en: 'training a character LSTM on a novel, checkpoints and top-N sampling', zh: '在小说上训练字符级 LSTM、检查点与 top-N 采样' },
    },
  },
];

export function sourceOf(file: string): SourceText | undefined {
  return sourceTexts.find((source) => source.file === file);
}
