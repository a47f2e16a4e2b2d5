/**
 * One step of each cell in dependency order, as data: what lights up on the diagram, what the
 * walk says, which equation (TeX) it shows and which numbers it lists. "Play one step" shows the
 * stages in turn; the guided walk lets the reader move through them with Next and Back.
 */
import type { StringKey } from '../../book/i18n';
import type { DiagramKind } from '../../viz/cell/layout';

export interface WalkStage {
  id: string;
  /** Wire and node ids of the diagram (src/viz/cell/layout.ts) computed at this stage. */
  highlight: readonly string[];
  text: StringKey;
  equation: string;
  /** Vector keys (as in cellVectors) whose numbers the stage lists. */
  numbers: readonly string[];
}

export type WalkVariant = DiagramKind | 'gruAfter';

export const walkVariant = (kind: DiagramKind, resetAfter: boolean): WalkVariant => (kind === 'gru' && resetAfter ? 'gruAfter' : kind);

const feeds = (gates: readonly string[], withH = true) => gates.flatMap((g) => [`feed.x.${g}`, ...(withH ? [`feed.h.${g}`] : [])]);

const LSTM: WalkStage[] = [
  {
    id: 'inputs',
    highlight: ['port.x', 'port.hPrev', 'port.cPrev', 'xBus', 'hBus', 'in.cPrev', ...feeds(['f', 'i', 'g', 'o'])],
    text: 'cell.walk.lstm.inputs',
    equation: 'x_t,\\quad h_{t-1},\\quad c_{t-1}',
    numbers: ['x', 'hPrev', 'cPrev'],
  },
  {
    id: 'pre',
    highlight: ['gate.i', 'gate.f', 'gate.g', 'gate.o'],
    text: 'cell.walk.lstm.pre',
    equation: 'a^k_t = x_t W_k + h_{t-1} U_k + b_k,\\quad k \\in \\{i, f, g, o\\}',
    numbers: ['pre.i', 'pre.f', 'pre.g', 'pre.o'],
  },
  {
    id: 'gates',
    highlight: ['gate.i', 'gate.f', 'gate.o', 'out.i', 'out.f', 'out.o'],
    text: 'cell.walk.lstm.gates',
    equation: 'i_t = \\sigma(a^i_t),\\quad f_t = \\sigma(a^f_t),\\quad o_t = \\sigma(a^o_t)',
    numbers: ['i', 'f', 'o'],
  },
  { id: 'candidate', highlight: ['gate.g', 'out.g'], text: 'cell.walk.lstm.candidate', equation: 'g_t = \\tanh(a^g_t)', numbers: ['g'] },
  { id: 'forget', highlight: ['op.forget', 'kept'], text: 'cell.walk.lstm.forget', equation: 'f_t \\odot c_{t-1}', numbers: ['f', 'cPrev', 'kept'] },
  {
    id: 'add',
    highlight: ['op.input', 'added', 'op.add', 'out.c', 'port.c'],
    text: 'cell.walk.lstm.add',
    equation: 'c_t = f_t \\odot c_{t-1} + i_t \\odot g_t',
    numbers: ['added', 'c'],
  },
  {
    id: 'output',
    highlight: ['c.toTanh', 'op.tanh', 'tanhC', 'op.output', 'out.h', 'port.h'],
    text: 'cell.walk.lstm.output',
    equation: 'h_t = o_t \\odot \\tanh(c_t)',
    numbers: ['tanhC', 'o', 'h'],
  },
];

function gru(resetAfter: boolean): WalkStage[] {
  return [
    {
      id: 'inputs',
      highlight: ['port.x', 'port.hPrev', 'xBus', 'hBus', 'in.hPrev', ...feeds(['r', 'z']), 'feed.x.h'],
      text: 'cell.walk.inputs',
      equation: 'x_t,\\quad h_{t-1}',
      numbers: ['x', 'hPrev'],
    },
    {
      id: 'pre',
      highlight: ['gate.z', 'gate.r'],
      text: 'cell.walk.gru.pre',
      equation: resetAfter
        ? 'a^k_t = x_t W_k + b^{in}_k + h_{t-1} U_k + b^{rec}_k,\\quad k \\in \\{z, r\\}'
        : 'a^k_t = x_t W_k + h_{t-1} U_k + b_k,\\quad k \\in \\{z, r\\}',
      numbers: ['pre.z', 'pre.r'],
    },
    {
      id: 'gates',
      highlight: ['gate.z', 'gate.r', 'out.z', 'out.r'],
      text: 'cell.walk.gru.gates',
      equation: 'z_t = \\sigma(a^z_t),\\quad r_t = \\sigma(a^r_t)',
      numbers: ['z', 'r'],
    },
    resetAfter
      ? {
          id: 'reset',
          highlight: ['op.project', 'proj', 'op.reset', 'feed.reset'],
          text: 'cell.walk.gruAfter.reset',
          equation: 'r_t \\odot (h_{t-1} U_h + b^{rec}_h)',
          numbers: ['proj', 'resetTerm'],
        }
      : { id: 'reset', highlight: ['op.reset', 'feed.reset'], text: 'cell.walk.gru.reset', equation: 'r_t \\odot h_{t-1}', numbers: ['resetH'] },
    {
      id: 'candidate',
      highlight: ['gate.h', 'out.hTilde'],
      text: 'cell.walk.gru.candidate',
      equation: resetAfter
        ? '\\tilde h_t = \\tanh\\big(x_t W_h + b^{in}_h + r_t \\odot (h_{t-1} U_h + b^{rec}_h)\\big)'
        : '\\tilde h_t = \\tanh\\big(x_t W_h + (r_t \\odot h_{t-1}) U_h + b_h\\big)',
      numbers: ['pre.h', 'hTilde'],
    },
    {
      id: 'mix',
      highlight: ['op.keep', 'kept', 'z.toOneMinus', 'op.oneMinus', 'oneMinusZ', 'op.take', 'added', 'op.add', 'out.h', 'port.h'],
      text: 'cell.walk.gru.mix',
      equation: 'h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t',
      numbers: ['kept', 'added', 'h'],
    },
  ];
}

const SIMPLE_RNN: WalkStage[] = [
  { id: 'inputs', highlight: ['port.x', 'port.hPrev', 'xBus', 'hBus', ...feeds(['h'])], text: 'cell.walk.inputs', equation: 'x_t,\\quad h_{t-1}', numbers: ['x', 'hPrev'] },
  { id: 'pre', highlight: ['gate.h'], text: 'cell.walk.simpleRNN.pre', equation: 'a_t = x_t W + h_{t-1} U + b', numbers: ['pre.h'] },
  { id: 'output', highlight: ['gate.h', 'out.h', 'port.h'], text: 'cell.walk.simpleRNN.output', equation: 'h_t = \\tanh(a_t)', numbers: ['h'] },
];

export const WALKS: Record<WalkVariant, readonly WalkStage[]> = { simpleRNN: SIMPLE_RNN, lstm: LSTM, gru: gru(false), gruAfter: gru(true) };

/** What is not computed yet at stage `k`: everything first lit by a later stage. */
export function futureAt(stages: readonly WalkStage[], k: number): Set<string> {
  const done = new Set(stages.slice(0, k + 1).flatMap((s) => s.highlight));
  return new Set(stages.slice(k + 1).flatMap((s) => s.highlight.filter((id) => !done.has(id))));
}

/** How the walk and the gate table write each vector key: math, the same in every language. */
export function symbolOf(variant: WalkVariant, key: string): string {
  const lstm = variant === 'lstm';
  const common: Record<string, string> = {
    x: 'xₜ',
    hPrev: 'hₜ₋₁',
    h: 'hₜ',
    cPrev: 'cₜ₋₁',
    c: 'cₜ',
    tanhC: 'tanh(cₜ)',
    i: 'iₜ',
    f: 'fₜ',
    g: 'gₜ',
    o: 'oₜ',
    z: 'zₜ',
    r: 'rₜ',
    hTilde: 'h̃ₜ',
    oneMinusZ: '1 − zₜ',
    resetH: 'rₜ ⊙ hₜ₋₁',
    proj: 'hₜ₋₁·U_h + b_h',
    resetTerm: 'rₜ ⊙ (hₜ₋₁·U_h + b_h)',
    kept: lstm ? 'fₜ ⊙ cₜ₋₁' : 'zₜ ⊙ hₜ₋₁',
    added: lstm ? 'iₜ ⊙ gₜ' : '(1 − zₜ) ⊙ h̃ₜ',
  };
  if (key.startsWith('pre.')) return variant === 'simpleRNN' ? 'aₜ' : `a^${key.slice(4)}ₜ`.replace('^h', '^h̃');
  return common[key] ?? key;
}
