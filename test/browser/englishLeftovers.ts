/**
 * Finds English interface words left in the Chinese edition's widgets.
 *
 * The page side (widgetTexts) collects what a reader sees and hears inside every `[data-widget]`:
 * visible text nodes (SVG axis labels and legends included), placeholders and aria-labels. It
 * leaves out what is not interface: code (code, pre, kbd, samp), formulas (.katex), the reader's
 * own input (textarea), and anything inside an element whose `lang` is not Chinese — the book
 * marks the English data it shows (the sentiment sentences and labels, the tokens of an English
 * example sentence, a prime from Moby-Dick) with lang="en", and text of unknown language with
 * lang="", which is also what a screen reader needs to read it.
 *
 * The node side (englishWords) takes such a text and returns its English words, after the
 * allowlist: identifiers (camelCase, snake_case, dotted names, ALL-CAPS acronyms, Keras and tfjs
 * names and arguments), units, file extensions, model, data set and people's names, single
 * letters (the formulas' variables) and numbers. A word quoted inside a sentence (“the”, "maxlen")
 * is cited, not interface: the Chinese strings quote the tokens of the reader's English sentence
 * that way ("第 1 步（“the”）").
 */
import type { Page } from 'playwright-core';

/** Keras/tfjs/Python names, units and proper names the Chinese edition writes as they are. */
const ALLOWED = new Set(
  [
    // Keras and tfjs layers, functions and arguments written as in code.
    'Dense Embedding Dropout SpatialDropout Bidirectional Sequential Model Input InputLayer TimeDistributed Flatten Activation Adam SGD RMSprop',
    'SimpleRNN LSTM GRU RNN Keras TensorFlow tfjs tf keras numpy NumPy np Python Jupyter Colab JavaScript TypeScript WebAssembly',
    'softmax sigmoid tanh relu linear argmax exp log ln max min concat sum mul ave None True False NaN Infinity',
    'wasm webgl webgpu cpu WebGL WebGPU SIMD float32 int32 kernel bias predict id ids notebook Top-N top-N logit logits',
    // Keras arguments the layer playground labels by their own names (as return_sequences), and
    // the NumPy listing's variable the ten-line RNN widget labels by its name.
    'units activation dropout stateful timesteps',
    // Keys, by the names on them.
    'Shift Home End Enter Space Tab Esc Ctrl Alt PageUp PageDown',
    // Units.
    'ms s kB KB MB GB B nats nat bits bit px Hz',
    // Data sets, books, people and products named by their own names.
    'Moby Dick Melville Herman Ishmael Ahab Pequod Queequeg Yelp Amazon IMDb IMDB MNIST UCI Unrolled Chromium Chrome Firefox Safari GitHub npm',
    'Kotzias Denil de Freitas Smyth Frobenius',
  ].flatMap((line) => line.split(' ')),
);

/** Whether one word-like token may stay in a Chinese sentence. */
export function allowedToken(token: string): boolean {
  if (token.length === 1) return true; // x, h, t, W, N, M, V: the formulas' variables
  if (/[_.\d]/.test(token)) return true; // return_sequences, model.fit, float32, h1, UTF-8's 8, model.json
  if (/[a-z][A-Z]/.test(token)) return true; // camelCase and SimpleRNN-like names
  if (/^[A-Z]{2,}s?$/.test(token)) return true; // acronyms: RNN(s), CSV, JSON, ETA, BPTT
  if (ALLOWED.has(token)) return true;
  return token.includes('-') && token.split('-').every((part) => part === '' || allowedToken(part));
}

/** The English words of a text that the allowlist does not cover, in order of appearance. */
export function englishWords(text: string): string[] {
  const words: string[] = [];
  const cleaned = text
    // Quoted citations: “the”, 「…」, "modelTopology".
    .replace(/“[^”]*”|「[^」]*」|"[^"]*"/g, ' ')
    // Web addresses, file extensions (.bin, .ipynb), and tfjs' names for its two model formats.
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/(?<![\w.])\.[A-Za-z0-9]{2,6}\b/g, ' ')
    .replace(/\btfjs (?:layers|graph)\b/g, ' ');
  for (const m of cleaned.matchAll(/[A-Za-z][A-Za-z0-9_.'’-]*/g)) {
    const token = m[0].replace(/[.'’-]+$/, '');
    if (!allowedToken(token)) words.push(token);
  }
  return words;
}

export interface WidgetText {
  /** The widget's name (its data-widget attribute). */
  widget: string;
  /** One text node, placeholder or aria-label. */
  text: string;
}

export interface Leftover extends WidgetText {
  words: string[];
}

/**
 * The interface text inside every widget of the page (or every element `roots` selects), outside
 * code, formulas, inputs and English-marked data.
 */
export async function widgetTexts(page: Page, roots = '[data-widget]'): Promise<WidgetText[]> {
  return page.evaluate((roots) => {
    const SKIP = 'code, pre, kbd, samp, .katex, textarea, script, style, template';
    // No named helper functions in here: the page runs this source as it is.
    const out: { widget: string; text: string }[] = [];
    for (const root of document.querySelectorAll(roots)) {
      const widget = root.getAttribute('data-widget') ?? '?';
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        const text = node.textContent?.trim() ?? '';
        if (!parent || !text || parent.closest(SKIP) || !/^zh/i.test(parent.closest('[lang]')?.getAttribute('lang') ?? 'zh')) continue;
        if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
        out.push({ widget, text });
      }
      for (const el of root.querySelectorAll('[placeholder], [aria-label]')) {
        if (el.closest(SKIP) || !/^zh/i.test(el.closest('[lang]')?.getAttribute('lang') ?? 'zh')) continue;
        for (const name of ['placeholder', 'aria-label']) {
          const text = el.getAttribute(name)?.trim();
          if (text) out.push({ widget, text });
        }
      }
    }
    return out;
  }, roots);
}

/** The widget texts of the page that still hold English interface words. */
export async function englishLeftovers(page: Page, roots?: string): Promise<Leftover[]> {
  return (await widgetTexts(page, roots)).flatMap((piece) => {
    const words = englishWords(piece.text);
    return words.length > 0 ? [{ ...piece, words }] : [];
  });
}
