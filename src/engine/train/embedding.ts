/**
 * Embedding for training, with a sparse gradient. The lookup copies row ids[b, t] of the table;
 * its gradient adds each output row's gradient back into that one row. A batch of 32 texts of
 * 26 words touches at most 832 of 12,533 rows, and only those rows are visited; tfjs' cpu
 * backend instead loops over the whole vocabulary (its UnsortedSegmentSum kernel): one training step
 * of Embedding(12533, 32) + LSTM(40) + Dense(2) on a batch of 32 took about 45 s that way, in node
 * 20 on the book's two-core development machine in November 2026 (bench/embeddingSpeed.ts).
 *
 * The optimizer still sees the full-size gradient (zeros in untouched rows), because tfjs' Adam
 * keeps moving every row on its momentum and the kernel must match it step for step.
 */
import type { EmbeddingSpec } from '../spec';
import type { Arena } from './arena';
import { type Flow, type IdsFlow, type KernelLayer, type Param, flowOn, isIds } from './layer';
import { copy } from './recurrent';

export class EmbeddingLayer implements KernelLayer {
  readonly params: Param[];
  readonly outputFeatures: number;
  readonly outputSequence = true;
  private readonly table: Param;
  private readonly out: Float32Array;
  private readonly flow: Flow;
  private input: IdsFlow | null = null;

  constructor(arena: Arena, spec: EmbeddingSpec, batch: number, steps: number) {
    const n = spec.inputDim * spec.outputDim;
    this.table = {
      name: `${spec.name}/embeddings`,
      shape: [spec.inputDim, spec.outputDim],
      value: arena.floats(n),
      grad: arena.floats(n),
      init: { kind: 'uniform', limit: 0.05 },
    };
    this.params = [this.table];
    this.outputFeatures = spec.outputDim;
    this.out = arena.floats(batch * steps * spec.outputDim);
    this.flow = flowOn(this.out, 0, 0, 0, spec.outputDim, true);
  }

  weightsChanged(): void {}

  forward(input: Flow | IdsFlow): Flow {
    if (!isIds(input)) throw new Error('An Embedding layer reads int ids; this batch has float features.');
    this.input = input;
    const { ids, batch, steps } = input;
    const D = this.outputFeatures;
    const E = this.table.value;
    // Batch-major ids in, time-major rows out: row t·batch + b is example b's word at step t.
    for (let t = 0; t < steps; t++) for (let b = 0; b < batch; b++) copy(E, ids[b * steps + t] * D, this.out, (t * batch + b) * D, D);
    return flowOn(this.out, 0, batch, steps, D, true, this.flow);
  }

  backward(dOut: Flow): null {
    const { ids, batch, steps } = this.input!;
    const D = this.outputFeatures;
    const g = this.table.grad;
    const d = dOut.data;
    for (let t = 0; t < steps; t++) {
      for (let b = 0; b < batch; b++) {
        const row = ids[b * steps + t] * D;
        const from = dOut.offset + (t * batch + b) * D;
        for (let j = 0; j < D; j++) g[row + j] += d[from + j];
      }
    }
    return null;
  }
}
