/**
 * Dropout and SpatialDropout1D for training, as tfjs does them: each value is kept with
 * probability 1 − rate and then divided by 1 − rate, so the layer's expected output equals its
 * input and nothing needs rescaling at prediction time (when the layer passes values through).
 * SpatialDropout1D draws one mask per example and feature and uses it at every step: whole
 * feature channels go silent, instead of single values here and there.
 *
 * The masks come from the trainer's seeded generator, so a run is reproducible; they cannot
 * match tfjs' own random draws, which is why parity tests run with dropout off.
 */
import type { DropoutSpec } from '../spec';
import type { Arena } from './arena';
import { type Flow, type IdsFlow, type KernelLayer, type Pass, flowOn, isIds, rowsOf } from './layer';

export class DropoutLayer implements KernelLayer {
  readonly params = [];
  readonly outputFeatures: number;
  readonly outputSequence: boolean;
  readonly mask: Float32Array;
  private readonly out: Float32Array;
  private readonly dX: Float32Array;
  private readonly flow: Flow;
  private readonly dFlow: Flow;
  private passedThrough = true;
  private input: Flow | null = null;

  constructor(
    arena: Arena,
    private readonly spec: DropoutSpec,
    features: number,
    sequence: boolean,
    batch: number,
    steps: number,
  ) {
    if (!(spec.rate >= 0 && spec.rate < 1)) throw new Error(`Dropout rate must be in [0, 1), got ${spec.rate}.`);
    if (spec.kind === 'spatialDropout1d' && !sequence) throw new Error(`SpatialDropout1D "${spec.name}" needs a sequence input [batch, steps, features].`);
    this.outputFeatures = features;
    this.outputSequence = sequence;
    const rows = sequence ? batch * steps : batch;
    this.mask = arena.floats((spec.kind === 'spatialDropout1d' ? batch : rows) * features);
    this.out = arena.floats(rows * features);
    this.dX = arena.floats(rows * features);
    this.flow = flowOn(this.out, 0, 0, 0, features, sequence);
    this.dFlow = flowOn(this.dX, 0, 0, 0, features, sequence);
  }

  weightsChanged(): void {}

  forward(input: Flow | IdsFlow, pass: Pass): Flow {
    if (isIds(input)) throw new Error('Dropout cannot read int ids directly; put it after an Embedding.');
    this.input = input;
    this.passedThrough = !pass.training || this.spec.rate === 0;
    if (this.passedThrough) return input;
    const keep = 1 - this.spec.rate;
    const rows = rowsOf(input);
    const F = input.features;
    const spatial = this.spec.kind === 'spatialDropout1d';
    const maskRows = spatial ? input.batch : rows;
    // tfjs keeps a value when u + keep ≥ 1 for u uniform in [0, 1), i.e. when u ≥ rate.
    for (let i = 0; i < maskRows * F; i++) this.mask[i] = pass.random() >= this.spec.rate ? 1 / keep : 0;
    const x = input.data;
    for (let r = 0; r < rows; r++) {
      // Time-major rows: row r is example r mod batch.
      const m = (spatial ? r % input.batch : r) * F;
      for (let j = 0; j < F; j++) this.out[r * F + j] = x[input.offset + r * F + j] * this.mask[m + j];
    }
    return flowOn(this.out, 0, input.batch, input.steps, F, input.sequence, this.flow);
  }

  backward(dOut: Flow): Flow {
    if (this.passedThrough) return dOut;
    const input = this.input!;
    const rows = rowsOf(input);
    const F = input.features;
    const spatial = this.spec.kind === 'spatialDropout1d';
    for (let r = 0; r < rows; r++) {
      const m = (spatial ? r % input.batch : r) * F;
      for (let j = 0; j < F; j++) this.dX[r * F + j] = dOut.data[dOut.offset + r * F + j] * this.mask[m + j];
    }
    return flowOn(this.dX, 0, input.batch, input.steps, F, input.sequence, this.dFlow);
  }
}
