/**
 * Dense for training: y = activation(x·K + b) on every row, a last state [batch, features] or
 * every step of a sequence [steps·batch, features] alike (a Dense after return_sequences is
 * applied to each step, as tfjs does on a 3-D input). The head's activation (softmax, sigmoid)
 * is left to the loss, which differentiates the two together (loss.ts).
 *
 * Backward: dz = dy ⊙ slope, dK = Xᵀ·dz, db = Σ rows of dz, dX = dz·Kᵀ.
 */
import type { ElementwiseActivation } from '../activations';
import type { DenseSpec } from '../spec';
import type { Arena } from './arena';
import { type Flow, type IdsFlow, type KernelLayer, type Param, type Pass, flowOn, isIds, rowsOf } from './layer';
import { type Pointwise, pointwise } from './pointwise';
import { addColumnSums } from './cell';
import { transposeInto } from './products';

export class DenseLayer implements KernelLayer {
  readonly params: Param[];
  readonly outputFeatures: number;
  readonly outputSequence: boolean;
  readonly kernel: Param;
  readonly bias: Param | null;
  /** x·K + b of the last forward pass: for the head, the logits, which the loss then turns in place into outputs or dL/d(logits). */
  readonly pre: Float32Array;
  private readonly post: Float32Array;
  private readonly dPre: Float32Array;
  private readonly dX: Float32Array;
  private readonly kernelT: Float32Array;
  private readonly act: Pointwise | null;
  private readonly flow: Flow;
  private readonly dFlow: Flow;
  private input: Flow | null = null;

  /** head: the loss applies the activation; otherwise it must be elementwise. */
  constructor(
    arena: Arena,
    spec: DenseSpec,
    private readonly features: number,
    sequence: boolean,
    batch: number,
    steps: number,
    readonly head: boolean,
  ) {
    const N = spec.units;
    const param = (name: string, shape: number[], init: Param['init']): Param => {
      const n = shape.reduce((a, b) => a * b, 1);
      return { name: `${spec.name}/${name}`, shape, value: arena.floats(n), grad: arena.floats(n), init };
    };
    this.kernel = param('kernel', [features, N], { kind: spec.kernelInitializer ?? 'glorotUniform', fanIn: features, fanOut: N });
    this.bias = spec.useBias ?? true ? param('bias', [N], { kind: 'zeros', fanIn: 0, fanOut: 0 }) : null;
    this.params = this.bias ? [this.kernel, this.bias] : [this.kernel];
    const activation = spec.activation ?? 'linear';
    if (!head && activation === 'softmax') throw new Error(`Dense "${spec.name}" uses softmax but is not the last layer; the kernel only trains a softmax head.`);
    this.act = head ? null : pointwise(activation as ElementwiseActivation);
    this.outputFeatures = N;
    this.outputSequence = sequence;
    const rows = sequence ? batch * steps : batch;
    this.pre = arena.floats(rows * N);
    this.post = head ? this.pre : arena.floats(rows * N);
    // The head gets dL/d(logits) from the loss, so it needs no buffer of its own for dz.
    this.dPre = head ? new Float32Array(0) : arena.floats(rows * N);
    this.dX = arena.floats(rows * features);
    this.kernelT = arena.floats(features * N);
    this.flow = flowOn(this.post, 0, 0, 0, N, sequence);
    this.dFlow = flowOn(this.dX, 0, 0, 0, features, sequence);
  }

  weightsChanged(): void {
    transposeInto(this.kernel.value, 0, this.features, this.outputFeatures, this.outputFeatures, this.kernelT, 0);
  }

  forward(input: Flow | IdsFlow, pass: Pass): Flow {
    if (isIds(input)) throw new Error('A first Dense layer cannot read int ids; give it float features.');
    this.input = input;
    const rows = rowsOf(input);
    const N = this.outputFeatures;
    pass.products.gemm(rows, N, this.features, input.data, input.offset, this.features, 1, this.kernel.value, 0, N, this.pre, 0, N, false);
    const b = this.bias ? this.bias.value : null;
    const act = this.act;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < N; j++) {
        const k = r * N + j;
        const z = this.pre[k] + (b ? b[j] : 0);
        this.pre[k] = z;
        if (act) this.post[k] = act.f(z);
      }
    }
    return flowOn(this.post, 0, input.batch, input.steps, N, input.sequence, this.flow);
  }

  /** For the head, dOut is already dL/d(logits) (the loss took the activation's slope into account). */
  backward(dOut: Flow, pass: Pass, needInput: boolean): Flow | null {
    const input = this.input!;
    const rows = rowsOf(input);
    const N = this.outputFeatures;
    let dz = dOut.data;
    let dzOff = dOut.offset;
    if (this.act) {
      const slope = this.act.slope;
      for (let k = 0; k < rows * N; k++) this.dPre[k] = dOut.data[dOut.offset + k] * slope(this.pre[k], this.post[k]);
      dz = this.dPre;
      dzOff = 0;
    }
    const F = this.features;
    pass.products.gemm(F, N, rows, input.data, input.offset, 1, F, dz, dzOff, N, this.kernel.grad, 0, N, true);
    if (this.bias) addColumnSums(dzOff === 0 ? dz : dz.subarray(dzOff), rows, N, 0, N, this.bias.grad, 0);
    if (!needInput) return null;
    pass.products.gemm(rows, F, N, dz, dzOff, N, 1, this.kernelT, 0, F, this.dX, 0, F, false);
    return flowOn(this.dX, 0, input.batch, input.steps, F, input.sequence, this.dFlow);
  }
}
