/**
 * The toy model's recurrent layer as an engine trace, for the live cell diagram next to the hand
 * computation: the same trained weights and the same inputs (one id per step) as handForward.
 */
import { type CellTrace, runCell } from '../../engine/cellTrace';
import type { ToyCell } from '../../state/toyLabStore';
import type { NamedWeight } from '../../tf/types';
import { lstmWeightsOf, simpleRnnWeightsOf } from '../../tf/weights';

export function toyTrace(cell: ToyCell, weights: NamedWeight[], ids: number[]): CellTrace {
  const w = cell === 'lstm' ? lstmWeightsOf(weights, 'lstm') : simpleRnnWeightsOf(weights, 'rnn');
  const shape = { kind: cell === 'lstm' ? ('lstm' as const) : ('rnn' as const), units: w.recurrentKernel.rows, inputDim: w.kernel.rows, resetAfter: false };
  return runCell(shape, { kernel: w.kernel.data, recurrentKernel: w.recurrentKernel.data, bias: w.bias }, ids.map((id) => [id]));
}
