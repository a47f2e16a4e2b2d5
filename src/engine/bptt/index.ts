/**
 * Exact backpropagation through time for the book's three recurrent layers, on the engine's own
 * forward traces. One call gives the loss, the gradient of every weight array in Keras layout,
 * dL/dx_t for every input, dL/dh_t for every state, and on request ‖∂h_T/∂h_t‖ per step: the
 * numbers the vanishing-gradients chapter plots, and that its tests check against tf.grad.
 */
import type { ElementwiseActivation } from '../activations';
import { type GRUWeights, gruForward } from '../gru';
import { type LSTMWeights, lstmForward } from '../lstm';
import type { Matrix } from '../matrix';
import { type SimpleRNNWeights, simpleRnnForward } from '../simpleRnn';
import { type CellBackward, backward, fusedGradients, fusedGradsLike, norm, stateJacobianNorms } from './common';
import { gruCell, gruGradients, gruGradsLike } from './gru';
import type { StateLoss } from './losses';
import { lstmCell } from './lstm';
import { simpleRnnCell } from './simpleRnn';

export { activationSlope } from './common';
export { clipByGlobalNorm, clipEachByNorm, globalNorm, type Clipped } from './clip';
export { dotWithLast, halfSquaredErrorOnLast, linearInStates, type StateLoss, type StateLossValue } from './losses';
export { gruCell, lstmCell, norm, simpleRnnCell, stateJacobianNorms };

interface Common {
  activation?: ElementwiseActivation;
  /** h_0 (and, for an LSTM, c_0); zeros when left out. */
  initialState?: Float32Array;
  initialCell?: Float32Array;
  goBackwards?: boolean;
}

export type RecurrentLayer =
  | (Common & { kind: 'simpleRNN'; weights: SimpleRNNWeights })
  | (Common & { kind: 'lstm'; weights: LSTMWeights; recurrentActivation?: ElementwiseActivation })
  | (Common & { kind: 'gru'; weights: GRUWeights; recurrentActivation?: ElementwiseActivation });

export interface WeightGradients {
  kernel: Matrix;
  recurrentKernel: Matrix;
  /** [gates·units]; a GRU with reset_after has [2, 3·units] like its bias. */
  bias: Float32Array | Matrix;
}

export interface BpttResult {
  loss: number;
  /** h_t in reading order (last to first with goBackwards), as the forward pass gives them. */
  hs: Float32Array[];
  weights: WeightGradients;
  /** dL/dx_t in the order the inputs were given. */
  inputs: Float32Array[];
  /** ‖dL/dx_t‖ in the order the inputs were given. */
  inputNorms: number[];
  /** dL/dh_t in reading order, with everything that flows back from later steps. */
  states: Float32Array[];
  initialState: Float32Array;
  /** LSTM only: dL/dc_0. */
  initialCell?: Float32Array;
  /** Frobenius ‖∂h_T/∂h_t‖ in reading order, when asked for (one extra backward pass per unit). */
  jacobianNorms?: number[];
  /** Per step in reading order, when asked for: what flows back through that step's cell. */
  stepGradients?: StepGradients[];
}

/** The gradients inside one step, as a cell diagram run backwards draws them. */
export interface StepGradients {
  /** dL/dh_t, everything that reaches h_t (its own loss term and the later steps). */
  dh: Float32Array;
  /** dL/d(pre-activation) per gate, fused in Keras' column order. */
  dz: Float32Array;
  /** LSTM: dL/dc_t. */
  dc?: Float32Array;
  /** dL/dh_{t-1} through this step. */
  dhPrev: Float32Array;
  /** LSTM: dL/dc_{t-1} through this step. */
  dcPrev?: Float32Array;
  dx: Float32Array;
}

interface Unrolled<Step, Grads> {
  steps: (Step & { h: Float32Array })[];
  cell: CellBackward<Step, Grads>;
  grads: Grads;
  finish: (grads: Grads) => WeightGradients;
}

function unroll(layer: RecurrentLayer, inputs: ArrayLike<number>[]): Unrolled<any, any> {
  const { activation = 'tanh', initialState, goBackwards = false } = layer;
  switch (layer.kind) {
    case 'simpleRNN': {
      const { weights } = layer;
      return {
        steps: simpleRnnForward(inputs, weights, { activation, initialState, goBackwards }),
        cell: simpleRnnCell(weights, activation),
        grads: fusedGradsLike(weights.kernel, weights.recurrentKernel),
        finish: fusedGradients,
      };
    }
    case 'lstm': {
      const { weights, recurrentActivation = 'sigmoid' } = layer;
      const units = weights.recurrentKernel.rows;
      const start = initialState || layer.initialCell ? { h: initialState ?? new Float32Array(units), c: layer.initialCell ?? new Float32Array(units) } : undefined;
      return {
        steps: lstmForward(inputs, weights, { activation, recurrentActivation, initialState: start, goBackwards }),
        cell: lstmCell(weights, activation, recurrentActivation),
        grads: fusedGradsLike(weights.kernel, weights.recurrentKernel),
        finish: fusedGradients,
      };
    }
    case 'gru': {
      const { weights, recurrentActivation = 'sigmoid' } = layer;
      return {
        steps: gruForward(inputs, weights, { activation, recurrentActivation, initialState, goBackwards }),
        cell: gruCell(weights, activation, recurrentActivation),
        grads: gruGradsLike(weights),
        finish: (grads) => gruGradients(weights, grads),
      };
    }
  }
}

export function backpropThroughTime(
  layer: RecurrentLayer,
  inputs: ArrayLike<number>[],
  loss: StateLoss,
  { jacobians = false, steps: withSteps = false }: { jacobians?: boolean; steps?: boolean } = {},
): BpttResult {
  const { steps, cell, grads, finish } = unroll(layer, inputs);
  if (steps.length === 0) throw new Error('Backpropagation through time needs at least one step.');
  const hs = steps.map((s) => s.h);
  const value = loss(hs);
  const pass = backward(steps, value.dh, cell, grads);
  const inReadingOrder = pass.dx.map((d) => Float32Array.from(d));
  const inputGrads = layer.goBackwards ? inReadingOrder.reverse() : inReadingOrder;
  const result: BpttResult = {
    loss: value.loss,
    hs,
    weights: finish(grads),
    inputs: inputGrads,
    inputNorms: inputGrads.map(norm),
    states: pass.dh.map((d) => Float32Array.from(d)),
    initialState: Float32Array.from(pass.dh0),
  };
  if (pass.dCarry0) result.initialCell = Float32Array.from(pass.dCarry0);
  if (jacobians) result.jacobianNorms = stateJacobianNorms(steps, cell);
  if (withSteps) {
    result.stepGradients = pass.steps.map((back, t) => {
      const out: StepGradients = {
        dh: Float32Array.from(pass.dh[t]),
        dz: Float32Array.from(back.dz ?? []),
        dhPrev: Float32Array.from(back.dhPrev),
        dx: Float32Array.from(back.dx),
      };
      if (back.dCarry) out.dc = Float32Array.from(back.dCarry);
      if (back.dCarryPrev) out.dcPrev = Float32Array.from(back.dCarryPrev);
      return out;
    });
  }
  return result;
}
