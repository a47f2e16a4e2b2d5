/**
 * The layer playground's settings and what they mean as a model: the ModelSpec the engine counts
 * and tfjs builds, the arguments tfjs refuses (with the reason), and the things the playground
 * decides for the reader when stacking (said out loud as notes). Pure: no React, no tfjs.
 * Problems and notes name their dictionary keys as literal types, so the engine needs no import
 * from the book while the typecheck still proves each key exists where the widget translates it.
 */
import { needsFunctionalApi } from './functionalGraph';
import { choice, cleanWith, flag, linkSchema, number, orNull } from './linkSchema';
import type { ActivationName, InitializerName, LayerSpec, MergeMode, ModelSpec, RecurrentSpec } from './spec';

export type CellKind = RecurrentSpec['kind'];
/** Off, or one of Keras' merge modes; 'none' is merge_mode=None. */
export type BidiChoice = 'off' | 'concat' | 'sum' | 'mul' | 'ave' | 'none';

export interface LayerArgsConfig {
  cell: CellKind;
  units: number;
  features: number;
  /** null: sequences of any length (Keras' None). */
  timesteps: number | null;
  /** null: any batch size; stateful layers need a number. */
  batchSize: number | null;
  activation: ActivationName;
  /** Gates of LSTM and GRU; SimpleRNN has none. */
  recurrentActivation: ActivationName;
  useBias: boolean;
  kernelInitializer: InitializerName;
  recurrentInitializer: InitializerName;
  dropout: number;
  recurrentDropout: number;
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
  /** How many recurrent layers are stacked, 1 to 3. */
  layers: number;
  bidirectional: BidiChoice;
  /** GRU only: Keras 2's default true keeps two bias vectors; tfjs has only false. */
  resetAfter: boolean;
  denseHead: boolean;
  headUnits: number;
}

/** The source's example: SimpleRNN(128) on 10 features, then Dense(1) — 17,792 + 129 = 17,921. */
export const DEFAULT_CONFIG: LayerArgsConfig = {
  cell: 'simpleRNN',
  units: 128,
  features: 10,
  timesteps: null,
  batchSize: null,
  activation: 'tanh',
  recurrentActivation: 'sigmoid',
  useBias: true,
  kernelInitializer: 'glorotUniform',
  // Keras' own default. tfjs' orthogonal init is slow on its cpu backend but fast on wasm,
  // which the playground's worker picks first.
  recurrentInitializer: 'orthogonal',
  dropout: 0,
  recurrentDropout: 0,
  returnSequences: false,
  returnState: false,
  goBackwards: false,
  stateful: false,
  layers: 1,
  bidirectional: 'off',
  resetAfter: false,
  denseHead: true,
  headUnits: 1,
};

export const CELLS: readonly CellKind[] = ['simpleRNN', 'lstm', 'gru'];
export const ACTIVATIONS: readonly ActivationName[] = ['tanh', 'sigmoid', 'hard_sigmoid', 'relu', 'linear'];
export const INITIALIZERS: readonly InitializerName[] = ['glorotUniform', 'glorotNormal', 'orthogonal', 'zeros', 'ones'];
export const BIDI_CHOICES: readonly BidiChoice[] = ['off', 'concat', 'sum', 'mul', 'ave', 'none'];

export const LIMITS = {
  units: { min: 1, max: 256 },
  features: { min: 1, max: 256 },
  timesteps: { min: 1, max: 1000 },
  batchSize: { min: 1, max: 1024 },
  dropout: { min: 0, max: 0.9 },
  layers: { min: 1, max: 3 },
  headUnits: { min: 1, max: 64 },
} as const;

/** Keras' class names, which tfjs prints too. */
export const CELL_CLASS: Record<CellKind, string> = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
const CELL_NAME: Record<CellKind, string> = { simpleRNN: 'simple_rnn', lstm: 'lstm', gru: 'gru' };

const mergeOf = (choice: BidiChoice): MergeMode => (choice === 'none' ? null : (choice as Exclude<MergeMode, null>));

/** Layer names are explicit: tfjs would otherwise number them with page-wide counters. */
const numbered = (base: string, i: number, n: number) => (n === 1 ? base : `${base}_${i + 1}`);

function recurrentLayer(config: LayerArgsConfig, i: number, top: boolean): RecurrentSpec {
  const common = {
    name: numbered(CELL_NAME[config.cell], i, config.layers),
    units: config.units,
    activation: config.activation,
    useBias: config.useBias,
    kernelInitializer: config.kernelInitializer,
    recurrentInitializer: config.recurrentInitializer,
    dropout: config.dropout,
    recurrentDropout: config.recurrentDropout,
    // A layer below another must hand over every step, so only the top one follows the reader.
    returnSequences: top ? config.returnSequences : true,
    returnState: top ? config.returnState : false,
    goBackwards: config.goBackwards,
    stateful: config.stateful,
  };
  switch (config.cell) {
    case 'simpleRNN':
      return { kind: 'simpleRNN', ...common };
    case 'lstm':
      return { kind: 'lstm', ...common, recurrentActivation: config.recurrentActivation };
    case 'gru':
      return { kind: 'gru', ...common, recurrentActivation: config.recurrentActivation, resetAfter: config.resetAfter };
  }
}

export function configToSpec(config: LayerArgsConfig): ModelSpec {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < config.layers; i++) {
    const top = i === config.layers - 1;
    const cell = recurrentLayer(config, i, top);
    if (config.bidirectional === 'off') {
      layers.push(cell);
    } else {
      // A lower layer must hand one tensor up, so merge None only applies to the top layer.
      const choice = !top && config.bidirectional === 'none' ? 'concat' : config.bidirectional;
      layers.push({ kind: 'bidirectional', name: numbered('bidirectional', i, config.layers), layer: cell, mergeMode: mergeOf(choice) });
    }
  }
  if (config.denseHead) layers.push({ kind: 'dense', name: 'dense', units: config.headUnits });
  return {
    inputShape: [config.timesteps, config.features],
    layers,
    ...(config.batchSize !== null ? { batchSize: config.batchSize } : {}),
  };
}

export interface ArgProblem {
  /** The Keras argument, as the reader sees it in the Python code. */
  arg: string;
  /** 'tfjs': Keras builds it, tfjs cannot. 'both': neither framework builds it. */
  scope: 'tfjs' | 'both';
  key: `layerArgs.problem.${'resetAfter' | 'statefulBatch'}`;
}

/** Settings tfjs refuses. Each entry is checked against a real tfjs build in the parity tests. */
export function configProblems(config: LayerArgsConfig): ArgProblem[] {
  const problems: ArgProblem[] = [];
  if (config.cell === 'gru' && config.resetAfter) problems.push({ arg: 'reset_after=True', scope: 'tfjs', key: 'layerArgs.problem.resetAfter' });
  if (config.stateful && config.batchSize === null) problems.push({ arg: 'stateful=True', scope: 'both', key: 'layerArgs.problem.statefulBatch' });
  return problems;
}

export interface ConfigNote {
  key: `layerArgs.note.${'lowerSequences' | 'lowerConcat' | 'functional' | 'headFirst' | 'headPerStep'}`;
  params?: Record<string, string | number>;
}

/** What the playground decided for the reader, so nothing changes behind their back. */
export function configNotes(config: LayerArgsConfig): ConfigNote[] {
  const notes: ConfigNote[] = [];
  if (config.layers > 1) notes.push({ key: 'layerArgs.note.lowerSequences', params: { n: config.layers - 1 } });
  if (config.layers > 1 && config.bidirectional === 'none') notes.push({ key: 'layerArgs.note.lowerConcat' });
  const functional = needsFunctionalApi(configToSpec(config));
  if (functional) notes.push({ key: 'layerArgs.note.functional' });
  if (functional && config.denseHead) notes.push({ key: 'layerArgs.note.headFirst' });
  if (config.denseHead && config.returnSequences) notes.push({ key: 'layerArgs.note.headPerStep' });
  return notes;
}

// ---- validation of saved settings and links ----------------------------------------------

const int = ({ min, max }: { min: number; max: number }) => number(min, max, { integer: true });
const rate = number(LIMITS.dropout.min, LIMITS.dropout.max);

/**
 * The playground's settings in a link (state/urlState.ts), field by field; the same validators
 * check the saved copy. null is a real choice for the time steps and the batch (Keras' None).
 */
export const LAYER_ARGS_LINK = linkSchema<LayerArgsConfig>(1, {
  cell: choice(CELLS),
  units: int(LIMITS.units),
  features: int(LIMITS.features),
  timesteps: orNull(int(LIMITS.timesteps)),
  batchSize: orNull(int(LIMITS.batchSize)),
  activation: choice(ACTIVATIONS),
  recurrentActivation: choice(ACTIVATIONS),
  useBias: flag(),
  kernelInitializer: choice(INITIALIZERS),
  recurrentInitializer: choice(INITIALIZERS),
  dropout: rate,
  recurrentDropout: rate,
  returnSequences: flag(),
  returnState: flag(),
  goBackwards: flag(),
  stateful: flag(),
  layers: int(LIMITS.layers),
  bidirectional: choice(BIDI_CHOICES),
  resetAfter: flag(),
  denseHead: flag(),
  headUnits: int(LIMITS.headUnits),
});

const cleanSaved = cleanWith(LAYER_ARGS_LINK);

/** Saved settings, field by field: anything missing or out of range falls back to the default. */
export function sanitizeConfig(saved: unknown): LayerArgsConfig {
  return { ...DEFAULT_CONFIG, ...cleanSaved((saved && typeof saved === 'object' ? saved : {}) as Record<string, unknown>) };
}
