/**
 * The inputs and weights of the gradient-flow demo: each word of the reader's sentence becomes a
 * small vector drawn from a generator seeded by the word itself (the same word, the same vector,
 * every time), and each layer gets seeded Glorot-uniform kernels and an orthogonal recurrent
 * kernel times a scale the reader picks. An orthogonal matrix keeps a vector's length, so the
 * scale alone says whether the recurrent product shrinks (< 1), keeps (≈ 1) or stretches (> 1).
 */
import { type BpttResult, backpropThroughTime, dotWithLast, type RecurrentLayer } from './bptt';
import { type Matrix, matrix } from './matrix';
import { type Random, seededRandom, uniformArray } from './random';
import { tokenize } from './text';
import { splitTokens } from './tokenVectors';

export type DemoCell = RecurrentLayer['kind'];
export const DEMO_CELLS: readonly DemoCell[] = ['simpleRNN', 'lstm', 'gru'];
export const DEMO_FEATURES = 8;
/** Recurrent-kernel scales the widget offers as presets. */
export const SCALE_PRESETS = { vanishing: 0.5, balanced: 1, exploding: 3 } as const;
const GATES: Record<DemoCell, number> = { simpleRNN: 1, lstm: 4, gru: 3 };

/** FNV-1a: a word's characters to a 32-bit seed. */
export function wordSeed(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Small on purpose: entries in [−0.1, 0.1) keep the units in tanh's near-linear middle at first,
 * where the recurrent scale, not saturation, decides whether gradients shrink or grow.
 */
export const WORD_VECTOR_LIMIT = 0.1;

export function wordVector(word: string, features: number, limit = WORD_VECTOR_LIMIT): Float32Array {
  return uniformArray(features, limit, seededRandom(wordSeed(word)));
}

export interface DemoSentence {
  tokens: string[];
  vectors: Float32Array[];
}

/** Han script: written without spaces, so Keras' split leaves a whole clause as one "word". */
const HAN = /\p{Script=Han}/u;
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * The sentence as Keras' Tokenizer splits it (lower case, punctuation dropped); a run of Chinese
 * that this leaves whole is cut into words by the segmenter, its punctuation dropped as Keras
 * drops ASCII punctuation.
 */
export function demoSentence(text: string, features = DEMO_FEATURES, maxTokens = 24): DemoSentence {
  const words = tokenize(text).flatMap((w) => (HAN.test(w) ? splitTokens(w).filter((s) => WORDLIKE.test(s)) : [w]));
  const tokens = words.slice(0, maxTokens);
  return { tokens, vectors: tokens.map((w) => wordVector(w, features)) };
}

/** A random square matrix made orthogonal by Gram–Schmidt on its columns. */
export function orthogonal(n: number, random: Random): Matrix {
  const columns: number[][] = [];
  while (columns.length < n) {
    const v = Array.from({ length: n }, () => random() * 2 - 1);
    for (const c of columns) {
      const dot = c.reduce((s, ci, i) => s + ci * v[i], 0);
      for (let i = 0; i < n; i++) v[i] -= dot * c[i];
    }
    const length = Math.hypot(...v);
    if (length > 1e-6) columns.push(v.map((x) => x / length));
  }
  return matrix(n, n, Array.from({ length: n * n }, (_, k) => columns[k % n][Math.floor(k / n)]));
}

export interface DemoLayerOptions {
  units: number;
  features?: number;
  /** Multiplies the recurrent kernel. */
  recurrentScale: number;
  seed?: number;
}

/**
 * Keras-style weights: glorot-uniform kernel, orthogonal recurrent kernel (one block per gate)
 * times the scale, zero bias except the LSTM's forget gate, which starts at 1 (Keras'
 * unit_forget_bias=True).
 */
export function demoLayer(kind: DemoCell, { units, features = DEMO_FEATURES, recurrentScale, seed = 7 }: DemoLayerOptions): RecurrentLayer {
  const random = seededRandom(seed);
  const width = GATES[kind] * units;
  const kernel = matrix(features, width, uniformArray(features * width, Math.sqrt(6 / (features + width)), random));
  const recurrentKernel = matrix(units, width);
  for (let g = 0; g < GATES[kind]; g++) {
    const block = orthogonal(units, random);
    for (let r = 0; r < units; r++) for (let c = 0; c < units; c++) recurrentKernel.data[r * width + g * units + c] = recurrentScale * block.data[r * units + c];
  }
  const bias = new Float32Array(width);
  if (kind === 'lstm') bias.fill(1, units, 2 * units);
  if (kind === 'simpleRNN') return { kind, weights: { kernel, recurrentKernel, bias } };
  if (kind === 'lstm') return { kind, weights: { kernel, recurrentKernel, bias } };
  return { kind, weights: { resetAfter: false, kernel, recurrentKernel, bias } };
}

export interface GradientProfile {
  /** ‖∂L/∂x_t‖ per word, with L = Σ_j h_T[j]. */
  inputNorms: number[];
  /** ‖∂h_T/∂h_t‖ (Frobenius) per word. */
  jacobianNorms: number[];
  result: BpttResult;
}

/** Backpropagates L = Σ_j h_T[j] (every unit of the last state counts once) through the sentence. */
export function gradientProfile(layer: RecurrentLayer, vectors: Float32Array[]): GradientProfile {
  const units = layer.weights.recurrentKernel.rows;
  const result = backpropThroughTime(layer, vectors, dotWithLast(new Float32Array(units).fill(1)), { jacobians: true });
  return { inputNorms: result.inputNorms, jacobianNorms: result.jacobianNorms!, result };
}
