/**
 * A batched recurrent layer (SimpleRNN, LSTM or GRU) for training: the part all three share.
 *
 * Every gate of every cell reads x_t·W_k. Those input terms do not depend on the state, so they
 * are computed for all steps at once before the time loop, in one [steps·batch, features] ×
 * [features, gates·units] product (or, for a one-hot input, by copying row id of W: a one-hot
 * row times a matrix is that row). Only h_{t−1}·U has to wait for the previous step; the cell
 * (lstmCell.ts, gruCell.ts, simpleRnnCell.ts) runs that loop and its backward twin.
 *
 * After the backward loop the cell has left dZ, the gradient on every step's x_t·W term, and the
 * weight gradients are again single products over all steps: dW = Xᵀ·dZ (for a one-hot input,
 * dZ's rows added into the rows of W that were read), db = Σ rows of dZ, dX = dZ·Wᵀ.
 *
 * Steps are stored in the order the layer reads them: block s of H is the state after s steps
 * (block 0 the initial state). A layer with reverse (go_backwards, or Bidirectional's backward
 * copy) reads input time T−1−s at step s, so only the input side needs to know the direction.
 */
import type { ElementwiseActivation } from '../activations';
import type { RecurrentSpec } from '../spec';
import type { Arena } from './arena';
import { gruCell } from './gruCell';
import type { Cell, RecurrentCore } from './cell';
import { type Flow, type IdsFlow, type KernelLayer, type Param, type Pass, flowOn, isIds } from './layer';
import { lstmCell } from './lstmCell';
import { pointwise } from './pointwise';
import { transposeInto } from './products';
import { simpleRnnCell } from './simpleRnnCell';

export const GATES = { simpleRNN: 1, lstm: 4, gru: 3 } as const;

export interface RecurrentOptions {
  spec: RecurrentSpec;
  /** The tfjs variable prefix: "lstm", or "bilstm/forward_lstm" inside a Bidirectional. */
  prefix: string;
  features: number;
  /** The input is ids (one-hot over `features` positions) rather than float rows. */
  oneHot: boolean;
  /** Read the steps last to first (go_backwards, or Bidirectional's backward copy). */
  reverse: boolean;
  /** Output every step's state in reading order (tfjs' return_sequences), else only the last. */
  returnSequences: boolean;
  batch: number;
  steps: number;
}

export class RecurrentLayer implements KernelLayer {
  readonly params: Param[];
  readonly outputFeatures: number;
  readonly outputSequence: boolean;
  readonly units: number;
  readonly kernel: Param;
  readonly core: RecurrentCore;
  /** The state the next forward pass starts from, [batch, units] (and the cell state for an LSTM). */
  readonly initialH: Float32Array;
  readonly initialC: Float32Array | null;
  private readonly cell: Cell;
  private readonly kernelT: Float32Array;
  private readonly dX: Float32Array;
  private readonly out: Flow;
  private readonly dInput: Flow;
  private batch = 0;
  private steps = 0;
  private input: Flow | IdsFlow | null = null;

  constructor(
    arena: Arena,
    private readonly options: RecurrentOptions,
  ) {
    const { spec, prefix, features, batch, steps } = options;
    const units = spec.units;
    const gates = GATES[spec.kind];
    const width = gates * units;
    const useBias = spec.useBias ?? true;
    const kernelInit = spec.kernelInitializer ?? 'glorotUniform';
    const recurrentInit = spec.recurrentInitializer ?? 'glorotUniform';
    const param = (name: string, shape: number[], init: Param['init']): Param => {
      const n = shape.reduce((a, b) => a * b, 1);
      return { name: `${prefix}/${name}`, shape, value: arena.floats(n), grad: arena.floats(n), init };
    };
    this.units = units;
    this.kernel = param('kernel', [features, width], { kind: kernelInit, fanIn: features, fanOut: width });
    const recurrentKernel = param('recurrent_kernel', [units, width], { kind: recurrentInit, fanIn: units, fanOut: width });
    const resetAfter = spec.kind === 'gru' && spec.resetAfter === true;
    const forgetBias = spec.kind === 'lstm' && spec.unitForgetBias === true;
    const bias = !useBias
      ? null
      : param('bias', resetAfter ? [2, width] : [width], forgetBias ? { kind: 'forgetBias', units } : { kind: 'zeros', fanIn: 0, fanOut: 0 });
    this.params = bias ? [this.kernel, recurrentKernel, bias] : [this.kernel, recurrentKernel];

    const rows = batch * steps;
    const isLstm = spec.kind === 'lstm';
    this.core = {
      units,
      gates,
      recurrentKernel,
      recurrentT: arena.floats(units * width),
      bias,
      z: arena.floats(rows * width),
      a: arena.floats(rows * width),
      h: arena.floats((steps + 1) * batch * units),
      c: isLstm ? arena.floats((steps + 1) * batch * units) : null,
      dZ: arena.floats(rows * width),
      dhNext: arena.floats(batch * units),
      dcNext: isLstm ? arena.floats(batch * units) : null,
      activation: pointwise((spec.activation ?? 'tanh') as ElementwiseActivation),
      recurrentActivation: pointwise(((spec.kind === 'simpleRNN' ? undefined : spec.recurrentActivation) ?? 'sigmoid') as ElementwiseActivation),
    };
    this.cell = spec.kind === 'lstm' ? lstmCell(arena, batch, steps, units) : spec.kind === 'gru' ? gruCell(arena, batch, steps, units, resetAfter) : simpleRnnCell();
    this.initialH = arena.floats(batch * units);
    this.initialC = isLstm ? arena.floats(batch * units) : null;
    this.kernelT = options.oneHot ? new Float32Array(0) : arena.floats(features * width);
    this.dX = options.oneHot ? new Float32Array(0) : arena.floats(rows * features);
    this.outputFeatures = units;
    this.outputSequence = options.returnSequences;
    this.out = flowOn(this.core.h, 0, 0, 0, units, options.returnSequences);
    this.dInput = flowOn(this.dX, 0, 0, 0, features, true);
  }

  get reverse(): boolean {
    return this.options.reverse;
  }

  weightsChanged(): void {
    const { units, gates, recurrentKernel, recurrentT } = this.core;
    transposeInto(recurrentKernel.value, 0, units, gates * units, gates * units, recurrentT, 0);
    if (!this.options.oneHot) transposeInto(this.kernel.value, 0, this.options.features, gates * units, gates * units, this.kernelT, 0);
  }

  /** Input time read at step s. */
  private timeAt(s: number): number {
    return this.options.reverse ? this.steps - 1 - s : s;
  }

  forward(input: Flow | IdsFlow, pass: Pass): Flow {
    const { units, gates, h, c, z } = this.core;
    const width = gates * units;
    const batch = input.batch;
    const steps = input.steps;
    this.batch = batch;
    this.steps = steps;
    this.input = input;
    copy(this.initialH, 0, h, 0, batch * units);
    if (c && this.initialC) copy(this.initialC, 0, c, 0, batch * units);

    // The input terms x_t·W of every step, before the time loop.
    const W = this.kernel.value;
    if (isIds(input)) {
      const { ids } = input;
      for (let s = 0; s < steps; s++) {
        const t = this.timeAt(s);
        for (let b = 0; b < batch; b++) {
          copy(W, ids[b * steps + t] * width, z, (s * batch + b) * width, width);
        }
      }
    } else if (!this.options.reverse) {
      pass.products.gemm(steps * batch, width, input.features, input.data, input.offset, input.features, 1, W, 0, width, z, 0, width, false);
    } else {
      for (let s = 0; s < steps; s++) {
        const from = input.offset + this.timeAt(s) * batch * input.features;
        pass.products.gemm(batch, width, input.features, input.data, from, input.features, 1, W, 0, width, z, s * batch * width, width, false);
      }
    }

    this.cell.forward(this.core, batch, steps, pass);
    const offset = this.options.returnSequences ? batch * units : steps * batch * units;
    return flowOn(h, offset, batch, steps, units, this.options.returnSequences, this.out);
  }

  /** Where the final state of the last forward pass sits in core.h / core.c. */
  finalStateOffset(): number {
    return this.steps * this.batch * this.units;
  }

  backward(dOut: Flow, pass: Pass, needInput: boolean): Flow | null {
    const input = this.input;
    if (!input) throw new Error('backward before forward');
    const { batch, steps } = this;
    const { units, gates, dZ } = this.core;
    const width = gates * units;
    this.cell.backward(this.core, batch, steps, dOut, pass);

    const dW = this.kernel.grad;
    if (isIds(input)) {
      // The rows of W that were read get the gradient back; the rest of W had no part in this batch.
      const { ids } = input;
      for (let s = 0; s < steps; s++) {
        const t = this.timeAt(s);
        for (let b = 0; b < batch; b++) {
          const row = ids[b * steps + t] * width;
          const from = (s * batch + b) * width;
          for (let j = 0; j < width; j++) dW[row + j] += dZ[from + j];
        }
      }
      return null;
    }
    const F = input.features;
    if (!this.options.reverse) {
      // dW += Xᵀ·dZ over all steps at once.
      pass.products.gemm(F, width, steps * batch, input.data, input.offset, 1, F, dZ, 0, width, dW, 0, width, true);
      if (!needInput) return null;
      pass.products.gemm(steps * batch, F, width, dZ, 0, width, 1, this.kernelT, 0, F, this.dX, 0, F, false);
    } else {
      for (let s = 0; s < steps; s++) {
        const t = this.timeAt(s);
        pass.products.gemm(F, width, batch, input.data, input.offset + t * batch * F, 1, F, dZ, s * batch * width, width, dW, 0, width, true);
        if (needInput) pass.products.gemm(batch, F, width, dZ, s * batch * width, width, 1, this.kernelT, 0, F, this.dX, t * batch * F, F, false);
      }
      if (!needInput) return null;
    }
    return flowOn(this.dX, 0, batch, steps, F, true, this.dInput);
  }
}

/** dst[dstOff …] = src[srcOff …], n values (a loop rather than set(subarray), which would allocate a view). */
export function copy(src: Float32Array, srcOff: number, dst: Float32Array, dstOff: number, n: number): void {
  for (let i = 0; i < n; i++) dst[dstOff + i] = src[srcOff + i];
}
