/**
 * Bidirectional for training: two recurrent layers with their own weights read the same input,
 * one first to last, the other last to first, and their states are merged position by position
 * (concat, sum, mul or ave), as tfjs' and Keras' Bidirectional do. The backward copy's outputs
 * are turned back to the input's order, so position t holds what it knew after reading tokens
 * T−1 … t. Without return_sequences both copies hand on their final state.
 *
 * Backward is the merge's own derivative, then each copy's BPTT, and the two input gradients add.
 */
import type { HandMergeMode } from '../bidirectional';
import type { BidirectionalSpec } from '../spec';
import type { Arena } from './arena';
import { type Flow, type IdsFlow, type KernelLayer, type Pass, flowOn } from './layer';
import { RecurrentLayer } from './recurrent';

export class BidirectionalLayer implements KernelLayer {
  readonly params;
  readonly outputFeatures: number;
  readonly outputSequence: boolean;
  readonly forwardCopy: RecurrentLayer;
  readonly backwardCopy: RecurrentLayer;
  private readonly mode: HandMergeMode;
  private readonly units: number;
  private readonly merged: Float32Array;
  private readonly dForward: Float32Array;
  private readonly dBackward: Float32Array;
  private readonly dX: Float32Array;
  private readonly out: Flow;
  private readonly dF: Flow;
  private readonly dB: Flow;
  private readonly dIn: Flow;
  private batch = 0;
  private steps = 0;

  constructor(arena: Arena, spec: BidirectionalSpec, features: number, oneHot: boolean, batch: number, steps: number) {
    if (spec.mergeMode === null) throw new Error('Bidirectional with merge_mode=None has two outputs; the kernel trains single-output models.');
    this.mode = spec.mergeMode;
    const inner = spec.layer;
    const returnSequences = inner.returnSequences ?? false;
    const goBackwards = inner.goBackwards ?? false;
    const copy = (direction: 'forward' | 'backward', reverse: boolean) =>
      new RecurrentLayer(arena, { spec: inner, prefix: `${spec.name}/${direction}_${inner.name}`, features, oneHot, reverse, returnSequences, batch, steps });
    this.forwardCopy = copy('forward', goBackwards);
    this.backwardCopy = copy('backward', !goBackwards);
    this.params = [...this.forwardCopy.params, ...this.backwardCopy.params];
    this.units = inner.units;
    this.outputFeatures = this.mode === 'concat' ? 2 * inner.units : inner.units;
    this.outputSequence = returnSequences;
    const rows = returnSequences ? batch * steps : batch;
    this.merged = arena.floats(rows * this.outputFeatures);
    this.dForward = arena.floats(rows * inner.units);
    this.dBackward = arena.floats(rows * inner.units);
    this.dX = oneHot ? new Float32Array(0) : arena.floats(batch * steps * features);
    this.out = flowOn(this.merged, 0, 0, 0, this.outputFeatures, returnSequences);
    this.dF = flowOn(this.dForward, 0, 0, 0, inner.units, returnSequences);
    this.dB = flowOn(this.dBackward, 0, 0, 0, inner.units, returnSequences);
    this.dIn = flowOn(this.dX, 0, 0, 0, features, true);
  }

  weightsChanged(): void {
    this.forwardCopy.weightsChanged();
    this.backwardCopy.weightsChanged();
  }

  /** Offsets in the copies' outputs of position p's states (or the final states), per example row 0. */
  private sources(fo: Flow, bo: Flow, p: number): [number, number] {
    const U = this.units;
    const B = this.batch;
    if (!this.outputSequence) return [fo.offset, bo.offset];
    // The forward copy's output is in its reading order; the backward copy's is turned around.
    return [fo.offset + p * B * U, bo.offset + (this.steps - 1 - p) * B * U];
  }

  forward(input: Flow | IdsFlow, pass: Pass): Flow {
    this.batch = input.batch;
    this.steps = input.steps;
    const fo = this.forwardCopy.forward(input, pass);
    const bo = this.backwardCopy.forward(input, pass);
    const U = this.units;
    const B = this.batch;
    const positions = this.outputSequence ? this.steps : 1;
    const width = this.outputFeatures;
    const m = this.merged;
    const fd = fo.data;
    const bd = bo.data;
    for (let p = 0; p < positions; p++) {
      const [fs, bs] = this.sources(fo, bo, p);
      for (let b = 0; b < B; b++) {
        const row = (p * B + b) * width;
        for (let j = 0; j < U; j++) {
          const f = fd[fs + b * U + j];
          const g = bd[bs + b * U + j];
          switch (this.mode) {
            case 'concat':
              m[row + j] = f;
              m[row + U + j] = g;
              break;
            case 'sum':
              m[row + j] = f + g;
              break;
            case 'mul':
              m[row + j] = f * g;
              break;
            case 'ave':
              m[row + j] = (f + g) / 2;
              break;
          }
        }
      }
    }
    return flowOn(m, 0, B, this.steps, width, this.outputSequence, this.out);
  }

  backward(dOut: Flow, pass: Pass, needInput: boolean): Flow | null {
    const U = this.units;
    const B = this.batch;
    const T = this.steps;
    const positions = this.outputSequence ? T : 1;
    const width = this.outputFeatures;
    const d = dOut.data;
    const fOut = this.forwardCopy.core.h;
    const bOut = this.backwardCopy.core.h;
    for (let p = 0; p < positions; p++) {
      // Where position p sits in each copy's state array (block s+1 after reading step s) and in its gradient.
      const fs = this.outputSequence ? (p + 1) * B * U : T * B * U;
      const bStep = this.outputSequence ? T - 1 - p : 0;
      const bs = this.outputSequence ? (bStep + 1) * B * U : T * B * U;
      const fd = this.outputSequence ? p * B * U : 0;
      const bd = this.outputSequence ? bStep * B * U : 0;
      for (let b = 0; b < B; b++) {
        const row = dOut.offset + (p * B + b) * width;
        for (let j = 0; j < U; j++) {
          const k = b * U + j;
          switch (this.mode) {
            case 'concat':
              this.dForward[fd + k] = d[row + j];
              this.dBackward[bd + k] = d[row + U + j];
              break;
            case 'sum':
              this.dForward[fd + k] = d[row + j];
              this.dBackward[bd + k] = d[row + j];
              break;
            case 'mul':
              this.dForward[fd + k] = d[row + j] * bOut[bs + k];
              this.dBackward[bd + k] = d[row + j] * fOut[fs + k];
              break;
            case 'ave':
              this.dForward[fd + k] = d[row + j] / 2;
              this.dBackward[bd + k] = d[row + j] / 2;
              break;
          }
        }
      }
    }
    const seq = this.outputSequence;
    const dxF = this.forwardCopy.backward(flowOn(this.dForward, 0, B, T, U, seq, this.dF), pass, needInput);
    const dxB = this.backwardCopy.backward(flowOn(this.dBackward, 0, B, T, U, seq, this.dB), pass, needInput);
    if (!needInput || !dxF || !dxB) return null;
    const n = B * T * dxF.features;
    for (let i = 0; i < n; i++) this.dX[i] = dxF.data[dxF.offset + i] + dxB.data[dxB.offset + i];
    return flowOn(this.dX, 0, B, T, dxF.features, true, this.dIn);
  }
}
