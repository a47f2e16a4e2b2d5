/**
 * tfjs as a training engine: the reference the kernel is parity-tested against, and the reader's
 * override. One step is what model.fit does per batch — forward through the tfjs layers, tfjs'
 * autodiff, tfjs' Adam — plus clipping by global norm, which tfjs' optimizers lack. It runs on
 * whichever tfjs backend is active (wasm, webgl, webgpu, cpu).
 *
 * Two things differ from calling trainOnBatch, both for reasons of tfjs itself:
 *   - an Embedding first layer is looked up outside the tape and its gradient summed per word
 *     id here (tfjs differentiates the lookup with UnsortedSegmentSum, which the wasm backend
 *     lacks and the cpu backend runs over the whole vocabulary); the summed gradient then goes
 *     through the same tfjs Adam as every other weight, so the update is exactly tfjs';
 *   - a stateful model (the char-LM) is built with tfjs' own stateful layers and a fixed batch,
 *     as Keras does it: each batch row carries its state into the next batch.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs';
import type { LayerSpec, ModelSpec } from '../../engine/spec';
import { isRecurrent } from '../../engine/spec';
import type { KernelLoss, KernelOptimizerState, KernelStates } from '../../engine/train';
import { type TfModel, buildModel } from '../buildModel';
import type { NamedWeight, Tf } from '../types';
import { readWeights, writeWeights } from '../weights';
import type { EngineSettings } from './kernelEngine';
import type { Batch, EngineName, StepOutcome, TrainingEngine } from './types';

type AnyLayer = TfModel['layers'][number];
type Adam = ReturnType<Tf['train']['adam']>;
interface AdamInternals {
  accumulatedFirstMoment: ({ originalName: string; variable: Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: Variable } | undefined)[];
  accBeta1: Variable;
  accBeta2: Variable;
  iterations_: number;
  learningRate: number;
}

function impliedLoss(spec: ModelSpec): KernelLoss {
  const last = spec.layers[spec.layers.length - 1];
  const activation = last?.kind === 'dense' ? (last.activation ?? 'linear') : 'linear';
  return activation === 'softmax' ? 'categoricalCrossentropy' : activation === 'sigmoid' ? 'binaryCrossentropy' : 'meanSquaredError';
}

/** The spec with every recurrent layer stateful and the batch fixed, as tfjs' stateful layers need. */
function statefulSpec(spec: ModelSpec, batchSize: number): ModelSpec {
  const layers = spec.layers.map((l): LayerSpec => (isRecurrent(l) ? { ...l, stateful: true } : l.kind === 'bidirectional' ? { ...l, layer: { ...l.layer, stateful: true } } : l));
  return { ...spec, layers, batchSize };
}

export interface TfjsEngineSettings extends EngineSettings {
  /** The fixed batch of a stateful model. */
  batchSize?: number;
}

export function tfjsEngineName(tf: Tf): EngineName {
  return `tfjs-${tf.getBackend()}` as EngineName;
}

export function createTfjsEngine(tf: Tf, spec: ModelSpec, settings: TfjsEngineSettings): TrainingEngine {
  const stateful = settings.stateful === true;
  if (stateful && !settings.batchSize) throw new Error('A stateful tfjs model needs a fixed batch size.');
  const model = buildModel(tf, stateful ? statefulSpec(spec, settings.batchSize!) : spec);
  if (settings.weights) writeWeights(tf, model, settings.weights);
  const loss = settings.loss ?? impliedLoss(spec);
  const embedded = spec.layers[0]?.kind === 'embedding';
  const variables = model.weights.map((w) => (w as unknown as { read(): Variable }).read());
  const optimizer: Adam = tf.train.adam(settings.learningRate);
  const internals = optimizer as unknown as AdamInternals;
  const recurrentLayers = model.layers.filter((l) => ['SimpleRNN', 'LSTM', 'GRU'].includes(l.getClassName()));
  const units = (model.outputs[0].shape[model.outputs[0].shape.length - 1] as number) ?? 1;
  const name = tfjsEngineName(tf);

  function inputOf(batch: Batch): Tensor {
    const { x } = batch;
    if (x.kind === 'values') return tf.tensor3d(x.values, [x.batch, x.steps, x.features]);
    return tf.tidy(() => {
      const ids = tf.tensor2d(x.ids, [x.batch, x.steps], 'int32');
      // An Embedding's lookup happens here, outside any tape: rows [batch, steps, dim] of the table.
      return embedded ? tf.gather(variables[0], ids) : tf.oneHot(ids, spec.inputShape[1] as number).toFloat();
    });
  }

  function forward(input: Tensor, training: boolean): Tensor {
    if (!embedded) return model.apply(input, { training }) as Tensor;
    return model.layers.slice(1).reduce((h: Tensor, layer: AnyLayer) => layer.apply(h, { training }) as Tensor, input);
  }

  function targetOf(batch: Batch, out: Tensor): Tensor {
    const { y } = batch;
    if (y.kind === 'values') return tf.tensor(y.values, out.shape);
    return tf.tidy(() => tf.reshape(tf.oneHot(tf.tensor1d(y.classes, 'int32'), units), out.shape).toFloat());
  }

  function lossOf(y: Tensor, out: Tensor): Tensor {
    const m = tf.metrics;
    switch (loss) {
      case 'binaryCrossentropy':
        return m.binaryCrossentropy(y, out).mean();
      case 'meanSquaredError':
        return m.meanSquaredError(y, out).mean();
      default:
        // tfjs layers' categorical cross-entropy (probabilities clipped to [1e-7, 1 − 1e-7]) for both
        // softmax losses: the model's head outputs probabilities, not logits.
        return m.categoricalCrossentropy(y, out).mean();
    }
  }

  function accuracyOf(y: Tensor, out: Tensor): Tensor {
    if (loss === 'meanSquaredError') return tf.scalar(NaN);
    if (loss === 'binaryCrossentropy') return tf.equal(tf.greater(out, 0.5), tf.greater(y, 0.5)).toFloat().mean();
    return tf.equal(tf.argMax(out, -1), tf.argMax(y, -1)).toFloat().mean();
  }

  /** dL/dtable from dL/drows: each position's row gradient added to its id's row (dense [V, dim], as tfjs' own gradient is). */
  function tableGradient(rowGrads: Float32Array, ids: Int32Array): Float32Array {
    const [V, dim] = variables[0].shape as [number, number];
    const dense = new Float32Array(V * dim);
    for (let p = 0; p < ids.length; p++) {
      const to = ids[p] * dim;
      const from = p * dim;
      for (let j = 0; j < dim; j++) dense[to + j] += rowGrads[from + j];
    }
    return dense;
  }

  /**
   * tfjs' stateful layers keep every step's old states until the next resetStates() (for BPTT);
   * once the step's gradients are applied nobody needs them, so they go now, not at the epoch's end.
   */
  function releaseKeptStates(): void {
    for (const layer of recurrentLayers) {
      const l = layer as unknown as { keptStates?: Tensor[][] };
      if (l.keptStates?.length) {
        tf.dispose(l.keptStates.flat());
        l.keptStates = [];
      }
    }
  }

  function getStates(): KernelStates | null {
    if (!stateful) return null;
    const layers = recurrentLayers.map((layer) => {
      const states = (layer as unknown as { states: (Tensor | null)[] | null }).states;
      if (!states || states.some((s) => !s)) return null;
      const [h, c] = states.map((s) => Float32Array.from((s as Tensor).dataSync() as Float32Array));
      return c ? { h, c } : { h };
    });
    if (layers.some((l) => l === null)) return null;
    return { batch: settings.batchSize!, layers: layers as KernelStates['layers'] };
  }

  function setStates(states: KernelStates | null): void {
    if (!stateful) return;
    if (!states) return model.resetStates();
    recurrentLayers.forEach((layer, i) => {
      const s = states.layers[i];
      const u = s.h.length / states.batch;
      const tensors = [tf.tensor2d(s.h, [states.batch, u]), ...(s.c ? [tf.tensor2d(s.c, [states.batch, u])] : [])];
      (layer as unknown as { resetStates(states: Tensor[]): void }).resetStates(tensors);
      tf.dispose(tensors);
    });
  }

  return {
    name,
    async settle() {
      // Reading one number back waits for everything queued before it (a backend runs its queue in order).
      const one = tf.tidy(() => variables[variables.length - 1].flatten().slice(0, 1));
      try {
        await one.data();
      } finally {
        one.dispose();
      }
    },

    async trainBatch(batch: Batch): Promise<StepOutcome> {
      const input = inputOf(batch);
      const inputVar = embedded ? tf.variable(input, true) : null;
      let y: Tensor | null = null;
      let accuracy: Tensor | null = null;
      const trainable = embedded ? [...variables.slice(1), inputVar!] : variables;
      try {
        const { value, grads } = tf.variableGrads(() => {
          const out = forward(inputVar ?? input, true);
          y = tf.keep(targetOf(batch, out));
          accuracy = tf.keep(accuracyOf(y, out));
          return lossOf(y, out) as never;
        }, trainable);
        let table: Float32Array | null = null;
        let sumSq = tf.tidy(() => tf.addN(variables.slice(embedded ? 1 : 0).map((v) => tf.sum(tf.square(grads[v.name])))).dataSync()[0]);
        if (embedded && batch.x.kind === 'ids') {
          table = tableGradient(grads[inputVar!.name].dataSync() as Float32Array, batch.x.ids);
          for (let i = 0; i < table.length; i++) sumSq += table[i] * table[i];
        }
        const lossValue = value.dataSync()[0];
        const accuracyValue = (accuracy as Tensor | null)?.dataSync()[0] ?? NaN;
        const norm = Math.sqrt(sumSq);
        const finite = Number.isFinite(lossValue) && Number.isFinite(norm);
        if (finite) {
          const scale = settings.clipNorm ? settings.clipNorm / Math.max(norm, settings.clipNorm) : 1;
          tf.tidy(() => {
            const named = variables.map((v, i) => {
              const g = embedded && i === 0 ? tf.tensor2d(table!, v.shape as [number, number]) : grads[v.name];
              return { name: v.name, tensor: scale === 1 ? g : tf.mul(g, scale) };
            });
            optimizer.applyGradients(named);
          });
        }
        tf.dispose([value, ...Object.values(grads)]);
        releaseKeptStates();
        return { loss: lossValue, accuracy: accuracyValue, finite };
      } finally {
        tf.dispose([input, ...(inputVar ? [inputVar] : []), ...(y ? [y] : []), ...(accuracy ? [accuracy] : [])]);
      }
    },

    evaluate(batch: Batch) {
      // A stateful model's evaluation must not move its training states.
      const saved = getStates();
      const input = inputOf(batch);
      try {
        return tf.tidy(() => {
          const out = forward(input, false);
          const y = targetOf(batch, out);
          return { loss: lossOf(y, out).dataSync()[0], accuracy: accuracyOf(y, out).dataSync()[0] };
        });
      } finally {
        input.dispose();
        if (stateful) setStates(saved);
      }
    },

    getWeights: () => readWeights(model),
    setWeights: (weights: NamedWeight[]) => writeWeights(tf, model, weights),

    getOptimizerState(): KernelOptimizerState {
      const moment = (list: AdamInternals['accumulatedFirstMoment'], i: number) =>
        list[i] ? Float32Array.from(list[i]!.variable.dataSync() as Float32Array) : new Float32Array(variables[i].size);
      return {
        kind: 'adam',
        iterations: internals.iterations_ ?? 0,
        accBeta1: internals.accBeta1.dataSync()[0],
        accBeta2: internals.accBeta2.dataSync()[0],
        m: variables.map((_, i) => moment(internals.accumulatedFirstMoment, i)),
        v: variables.map((_, i) => moment(internals.accumulatedSecondMoment, i)),
        dropoutRandomState: 0,
      };
    },

    setOptimizerState(state: KernelOptimizerState) {
      if (state.m.length !== variables.length) throw new Error(`The optimizer state has ${state.m.length} moments; the model has ${variables.length} weights.`);
      const make = (values: Float32Array, i: number, suffix: string) => ({
        originalName: `${variables[i].name}/${suffix}`,
        variable: tf.variable(tf.tensor(values, variables[i].shape), false),
      });
      tf.dispose([...internals.accumulatedFirstMoment, ...internals.accumulatedSecondMoment].flatMap((a) => (a ? [a.variable] : [])));
      internals.accumulatedFirstMoment = state.m.map((m, i) => make(m, i, 'm'));
      internals.accumulatedSecondMoment = state.v.map((v, i) => make(v, i, 'v'));
      tf.tidy(() => {
        internals.accBeta1.assign(tf.scalar(state.accBeta1));
        internals.accBeta2.assign(tf.scalar(state.accBeta2));
      });
      internals.iterations_ = state.iterations;
    },

    setLearningRate(learningRate: number) {
      internals.learningRate = learningRate;
    },
    getStates,
    setStates,
    resetStates() {
      if (stateful) model.resetStates();
    },
    dispose() {
      optimizer.dispose();
      // tfjs' model.dispose() leaves a stateful layer's carried states alive.
      releaseKeptStates();
      for (const layer of recurrentLayers) {
        const l = layer as unknown as { states_?: (Tensor | null)[] | null };
        if (l.states_) tf.dispose(l.states_.filter((t): t is Tensor => !!t && !t.isDisposed));
      }
      model.dispose();
    },
  };
}
