/**
 * createKernelTrainer: the from-scratch training kernel behind the KernelTrainer interface
 * (types.ts documents the API). One trainBatch is
 *
 *   forward through every layer (dropout on) → loss and dL/d(logits) → backward through every
 *   layer (BPTT inside the recurrent ones) → global gradient norm → clip → one Adam step.
 *
 * All arrays live in one arena planned for a batch and sequence length (arena.ts); a longer
 * batch re-plans once and carries weights, Adam's moments and states over, so after the first
 * batches a step allocates nothing. With a compiled SIMD module (options.wasm) the products
 * run in WebAssembly, otherwise in TypeScript; both compute the same numbers.
 */
import { randomStream } from '../random';
import type { ModelSpec } from '../spec';
import { Adam } from './adam';
import { type Arena, MeasuringArena, planned } from './arena';
import { initialise } from './init';
import { copy } from './recurrent';
import { type Flow, type IdsFlow, type Pass, flowOn, rowsOf } from './layer';
import { targetRow } from './loss';
import { NO_HEAD, type Network, buildNetwork, kernelCannotRun, kernelCannotTrain, lossFor } from './network';
import { type Products, typescriptProducts } from './products';
import type {
  Evaluation,
  Gradients,
  KernelInput,
  KernelLoss,
  KernelOptimizerState,
  KernelStates,
  KernelTarget,
  KernelTrainer,
  KernelTrainerOptions,
  KernelWeight,
  Prediction,
  StepResult,
} from './types';
import { wasmProducts, wasmSimdSupported } from './wasmProducts';

export { kernelCannotTrain };

interface Plan {
  net: Network;
  arena: Arena;
  adam: Adam;
  products: Products;
  /** Time-major copy of a float batch, inside the arena so the wasm products can read it. */
  input: Float32Array;
  batch: number;
  steps: number;
  /** The states a stateful run carries from batch to batch, per recurrent layer. */
  carriedH: Float32Array[];
  carriedC: (Float32Array | null)[];
}

/** Everything one plan holds, on an arena (a measuring one, or the real one). */
function layOut(a: Arena, spec: ModelSpec, loss: KernelLoss | null, optimizer: KernelTrainerOptions['optimizer'], batch: number, steps: number) {
  const features = spec.layers[0]?.kind === 'embedding' ? 0 : ((spec.inputShape[1] as number) ?? 0);
  const net = buildNetwork(a, spec, loss, batch, steps);
  const adam = new Adam(a, net.params, optimizer);
  const input = a.floats(batch * steps * features);
  const carriedH = net.recurrent.map((r) => a.floats(batch * r.units));
  const carriedC = net.recurrent.map((r) => (r.initialC ? a.floats(batch * r.units) : null));
  return { net, adam, input, carriedH, carriedC };
}

function makePlan(spec: ModelSpec, loss: KernelLoss | null, options: KernelTrainerOptions, batch: number, steps: number): Plan {
  const wasm = options.wasm && wasmSimdSupported() ? options.wasm : null;
  const { value, arena } = planned((a) => layOut(a, spec, loss, options.optimizer, batch, steps), wasm !== null);
  const products = wasm && arena.memory ? wasmProducts(wasm, arena.memory) : typescriptProducts;
  return { ...value, arena, products, batch, steps };
}

/**
 * The bytes a trainer for this model needs at this batch size and sequence length (weights,
 * gradients, Adam's moments, every activation BPTT keeps), counted without allocating any, so a
 * loop can refuse a text or model too large for memory before it starts.
 */
export function kernelArenaBytes(spec: ModelSpec, batch: number, steps: number, loss?: KernelLoss): number {
  const measuring = new MeasuringArena();
  const lossOrWhy = lossFor(spec, loss);
  layOut(measuring, spec, lossOrWhy === null ? null : (lossOrWhy as KernelLoss), { learningRate: 0 }, batch, steps);
  return measuring.total * 4;
}

function checkInput(net: Network, x: KernelInput): void {
  if (!(x.batch > 0 && x.steps > 0)) throw new Error(`A batch needs at least one example and one step, got ${x.batch}×${x.steps}.`);
  if (x.kind === 'ids') {
    if (!net.input.oneHotAllowed) throw new Error('This model reads float features; its first layer cannot take ids.');
    if (x.ids.length !== x.batch * x.steps) throw new Error(`ids has ${x.ids.length} values for a ${x.batch}×${x.steps} batch.`);
    const V = net.input.features;
    for (let i = 0; i < x.ids.length; i++) {
      const id = x.ids[i];
      if (!(id >= 0 && id < V)) throw new Error(`Id ${id} at position ${i} is outside 0…${V - 1}.`);
    }
  } else {
    if (net.input.embedding) throw new Error('This model starts with an Embedding; give it int ids, not float features.');
    if (x.features !== net.input.features) throw new Error(`The batch has ${x.features} features per step; the model expects ${net.input.features}.`);
    if (x.values.length !== x.batch * x.steps * x.features) throw new Error(`values has ${x.values.length} numbers for a ${x.batch}×${x.steps}×${x.features} batch.`);
  }
}

function checkTarget(loss: KernelLoss, rows: number, units: number, y: KernelTarget): void {
  const softmax = loss === 'categoricalCrossentropy' || loss === 'softmaxCrossEntropy';
  if (y.kind === 'classes' && !softmax && !(loss === 'binaryCrossentropy' && units === 1)) {
    throw new Error(`Class-id targets need a softmax head (or a one-unit sigmoid head, ids 0/1); give ${loss} value targets [rows, ${units}].`);
  }
  const want = y.kind === 'classes' ? rows : rows * units;
  const got = y.kind === 'classes' ? y.classes.length : y.values.length;
  if (got !== want) throw new Error(`The targets have ${got} values; this batch's ${rows} output rows need ${want}.`);
  if (y.kind === 'classes') {
    // A one-unit sigmoid head reads its ids 0/1 as the target values.
    const classes = softmax ? units : 2;
    for (let i = 0; i < y.classes.length; i++) {
      if (!(y.classes[i] >= 0 && y.classes[i] < classes)) throw new Error(`Class ${y.classes[i]} at row ${i} is outside 0…${classes - 1}.`);
    }
  }
}

export function createKernelTrainer(spec: ModelSpec, options: KernelTrainerOptions): KernelTrainer {
  // A model without a Dense head is accepted for predict only; anything else the kernel cannot train is refused here.
  const lossOrWhy = lossFor(spec, options.loss);
  const problems = lossOrWhy === null ? kernelCannotRun(spec) : kernelCannotTrain(spec, options.loss);
  if (problems.length > 0) throw new Error(`The training kernel cannot train this model: ${problems.join(' ')}`);
  const loss = lossOrWhy as KernelLoss | null;
  const random = randomStream(options.seed ?? 0);
  const firstSteps = typeof spec.inputShape[0] === 'number' ? spec.inputShape[0] : 1;
  let plan = makePlan(spec, loss, options, spec.batchSize ?? 1, firstSteps);
  const pass: Pass = { training: false, products: plan.products, random: random.next };
  /** The batch size a stateful run's carried states belong to (0: none carried yet). */
  let carriedBatch = 0;

  if (options.weights) setWeights(options.weights);
  else {
    const init = randomStream(options.seed ?? 0);
    for (const p of plan.net.params) initialise(p, init.next);
    weightsChanged();
  }

  function weightsChanged(): void {
    for (const layer of plan.net.layers) layer.weightsChanged();
  }

  /** Re-plans for a larger batch or longer sequence, carrying everything that persists. */
  function ensureCapacity(batch: number, steps: number): void {
    if (batch <= plan.batch && steps <= plan.steps) return;
    const weights = getWeights();
    const adam = plan.adam.state(random.state());
    const states = carriedBatch > 0 ? getStates() : null;
    plan = makePlan(spec, loss, options, Math.max(batch, plan.batch), Math.max(steps, plan.steps));
    pass.products = plan.products;
    setWeights(weights);
    plan.adam.setState(adam);
    plan.adam.learningRate = options.optimizer.learningRate;
    if (states) setStates(states);
  }

  /** Loads each recurrent layer's starting state: given ones, the carried ones, or zeros. */
  function loadStates(batch: number, from: 'zeros' | 'carried' | KernelStates): void {
    plan.net.recurrent.forEach((r, i) => {
      const n = batch * r.units;
      if (from === 'zeros' || (from === 'carried' && carriedBatch !== batch)) {
        r.initialH.fill(0, 0, n);
        r.initialC?.fill(0, 0, n);
      } else if (from === 'carried') {
        copy(plan.carriedH[i], 0, r.initialH, 0, n);
        if (r.initialC) copy(plan.carriedC[i]!, 0, r.initialC, 0, n);
      } else {
        const s = from.layers[i];
        if (from.batch !== batch || !s || s.h.length !== n) throw new Error(`The given states are for batch ${from.batch}; this batch has ${batch} rows.`);
        r.initialH.set(s.h);
        if (r.initialC) {
          if (!s.c || s.c.length !== n) throw new Error(`LSTM state ${i} needs a cell state c of ${n} values.`);
          r.initialC.set(s.c);
        }
      }
    });
  }

  function finalStates(batch: number): KernelStates {
    return {
      batch,
      layers: plan.net.recurrent.map((r) => {
        const at = r.finalStateOffset();
        const n = batch * r.units;
        const h = r.core.h.slice(at, at + n);
        return r.core.c ? { h, c: r.core.c.slice(at, at + n) } : { h };
      }),
    };
  }

  /** The forward pass; returns the head's logits as a flow. */
  function forward(x: KernelInput, training: boolean, states: 'zeros' | 'carried' | KernelStates): Flow {
    checkInput(plan.net, x);
    ensureCapacity(x.batch, x.steps);
    pass.training = training;
    loadStates(x.batch, states);
    let flow: Flow | IdsFlow;
    if (x.kind === 'ids') flow = { ids: x.ids, batch: x.batch, steps: x.steps };
    else {
      // Batch-major [b, t, f] in, time-major rows (t·batch + b) inside.
      const { values, batch, steps, features: F } = x;
      const inp = plan.input;
      for (let b = 0; b < batch; b++) {
        for (let t = 0; t < steps; t++) {
          const from = (b * steps + t) * F;
          const to = (t * batch + b) * F;
          for (let j = 0; j < F; j++) inp[to + j] = values[from + j];
        }
      }
      flow = flowOn(inp, 0, batch, steps, F, true);
    }
    for (const layer of plan.net.layers) flow = layer.forward(flow, pass);
    return flow as Flow;
  }

  function trainable() {
    const { head, loss: headLoss } = plan.net;
    if (!head || !headLoss) throw new Error(NO_HEAD);
    return { head, loss: headLoss };
  }

  function layoutOf(out: Flow) {
    return { rows: rowsOf(out), batch: out.batch, steps: out.steps, sequence: out.sequence };
  }

  /** Forward (dropout on), loss, backward: every param.grad holds this batch's gradient. */
  function gradients(x: KernelInput, y: KernelTarget, states: 'zeros' | 'carried'): { loss: number; accuracy: number } {
    trainable();
    const out = forward(x, true, states);
    // After forward: a larger batch re-plans, and the head and loss are then new objects.
    const { head, loss: headLoss } = trainable();
    const layout = layoutOf(out);
    checkTarget(headLoss.kind, layout.rows, out.features, y);
    for (const p of plan.net.params) p.grad.fill(0);
    const value = headLoss.compute(head.pre, layout, y, true);
    // compute left dL/d(logits) in the head's logits buffer.
    let d: Flow | null = flowOn(head.pre, 0, out.batch, out.steps, out.features, out.sequence);
    const { layers, needInputGradient } = plan.net;
    for (let i = layers.length - 1; i >= 0 && d; i--) d = layers[i].backward(d, pass, needInputGradient[i]);
    return value;
  }

  function trainBatch(x: KernelInput, y: KernelTarget): StepResult {
    const stateful = options.stateful === true;
    if (stateful && carriedBatch !== 0 && carriedBatch !== x.batch) {
      throw new Error(`A stateful run keeps one batch size (${carriedBatch}); this batch has ${x.batch} rows. Call resetStates() first.`);
    }
    const { loss: value, accuracy } = gradients(x, y, stateful ? 'carried' : 'zeros');
    const { gradNorm, finite } = Number.isFinite(value) ? step() : { gradNorm: gradNormOf(), finite: false };
    if (finite && stateful) keepFinalStates(x.batch);
    return { loss: value, accuracy, gradNorm, finite };
  }

  /** ‖g‖ over every param.grad: the global norm clipping and the NaN guard look at. */
  function gradNormOf(): number {
    let sum = 0;
    for (const p of plan.net.params) {
      const g = p.grad;
      for (let i = 0; i < g.length; i++) sum += g[i] * g[i];
    }
    return Math.sqrt(sum);
  }

  /** One Adam step on the gradients in every param.grad, clipped by global norm; none if they are not finite. */
  function step(): { gradNorm: number; finite: boolean } {
    const gradNorm = gradNormOf();
    if (!Number.isFinite(gradNorm)) return { gradNorm, finite: false };
    // clip_by_global_norm: every gradient times clip / max(‖g‖, clip), so the direction is kept.
    const scale = options.clipNorm ? options.clipNorm / Math.max(gradNorm, options.clipNorm) : 1;
    plan.adam.step(plan.net.params, scale);
    weightsChanged();
    return { gradNorm, finite: true };
  }

  /** Keeps each layer's final state of the last forward pass for the next batch (a copy inside the arena, no allocation). */
  function keepFinalStates(batch: number): void {
    plan.net.recurrent.forEach((r, i) => {
      const at = r.finalStateOffset();
      const n = batch * r.units;
      copy(r.core.h, at, plan.carriedH[i], 0, n);
      if (r.core.c) copy(r.core.c, at, plan.carriedC[i]!, 0, n);
    });
    carriedBatch = batch;
  }

  function applyGradients(gradients: readonly Float32Array[]): { gradNorm: number; finite: boolean } {
    const { params } = plan.net;
    if (gradients.length !== params.length) throw new Error(`The model has ${params.length} weight arrays but ${gradients.length} gradients were given.`);
    gradients.forEach((g, i) => {
      if (g.length !== params[i].grad.length) throw new Error(`The gradient of ${params[i].name} has ${g.length} values; the weight has ${params[i].grad.length}.`);
      params[i].grad.set(g);
    });
    return step();
  }

  function getWeights(): KernelWeight[] {
    return plan.net.params.map((p) => ({ name: p.name, shape: [...p.shape], values: Float32Array.from(p.value) }));
  }

  function setWeights(weights: KernelWeight[]): void {
    const params = plan.net.params;
    if (weights.length !== params.length) throw new Error(`The model has ${params.length} weight arrays but ${weights.length} were given.`);
    weights.forEach((w, i) => {
      const p = params[i];
      if (w.shape.join('×') !== p.shape.join('×') || w.values.length !== p.value.length) {
        throw new Error(`Weight ${p.name} is ${p.shape.join('×')} but the given one (${w.name}) is ${w.shape.join('×')}.`);
      }
    });
    weights.forEach((w, i) => params[i].value.set(w.values));
    weightsChanged();
  }

  function getStates(): KernelStates | null {
    if (carriedBatch === 0) return null;
    return {
      batch: carriedBatch,
      layers: plan.net.recurrent.map((r, i) => {
        const n = carriedBatch * r.units;
        const h = plan.carriedH[i].slice(0, n);
        return plan.carriedC[i] ? { h, c: plan.carriedC[i]!.slice(0, n) } : { h };
      }),
    };
  }

  function setStates(states: KernelStates): void {
    const { recurrent } = plan.net;
    if (states.layers.length !== recurrent.length) throw new Error(`Got states for ${states.layers.length} recurrent layers; the model has ${recurrent.length}.`);
    ensureCapacity(states.batch, 1);
    recurrent.forEach((r, i) => {
      const n = states.batch * r.units;
      const s = states.layers[i];
      if (s.h.length !== n) throw new Error(`State ${i} has ${s.h.length} values; batch ${states.batch} × ${r.units} units needs ${n}.`);
      plan.carriedH[i].set(s.h);
      if (plan.carriedC[i]) {
        if (!s.c || s.c.length !== n) throw new Error(`LSTM state ${i} needs a cell state c of ${n} values.`);
        plan.carriedC[i]!.set(s.c);
      }
    });
    carriedBatch = states.batch;
  }

  return {
    spec,
    loss,
    trainBatch,
    computeGradients(x, y): Gradients {
      const value = gradients(x, y, options.stateful ? 'carried' : 'zeros');
      return { ...value, gradients: plan.net.params.map((p) => ({ name: p.name, shape: [...p.shape], values: Float32Array.from(p.grad) })) };
    },
    evaluate(x, y, opts): Evaluation {
      trainable();
      const out = forward(x, false, opts?.states ?? 'zeros');
      const { head, loss: headLoss } = trainable();
      const layout = layoutOf(out);
      checkTarget(headLoss.kind, layout.rows, out.features, y);
      return headLoss.compute(head.pre, layout, y, false);
    },
    predict(x, opts): Prediction {
      const out = forward(x, false, opts?.states ?? 'zeros');
      const layout = layoutOf(out);
      const { head, loss: headLoss } = plan.net;
      // The head's probabilities, or (a model without a head) the last layer's own output.
      if (head && headLoss) headLoss.compute(head.pre, layout, null, false);
      const [source, from] = head && headLoss ? [head.pre, 0] : [out.data, out.offset];
      const N = out.features;
      const values = new Float32Array(layout.rows * N);
      for (let r = 0; r < layout.rows; r++) {
        const to = targetRow(r, layout) * N;
        for (let j = 0; j < N; j++) values[to + j] = source[from + r * N + j];
      }
      return { values, rows: layout.rows, units: N, states: finalStates(x.batch) };
    },
    applyGradients,
    keepFinalStates,
    setDropoutState: (state: number) => random.setState(state),
    getWeights,
    setWeights,
    getOptimizerState: () => plan.adam.state(random.state()),
    setOptimizerState(state: KernelOptimizerState) {
      plan.adam.setState(state);
      random.setState(state.dropoutRandomState);
    },
    setLearningRate(learningRate: number) {
      options = { ...options, optimizer: { ...options.optimizer, learningRate } };
      plan.adam.learningRate = learningRate;
    },
    getStates,
    setStates,
    resetStates() {
      carriedBatch = 0;
    },
  };
}
