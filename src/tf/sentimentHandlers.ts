/**
 * Everything the sentiment worker does, as plain handlers over an injected tfjs, backend starter
 * and checkpoint store, so node and component tests run the very same code in-process.
 *
 * Each named model is a TrainingSession (src/tf/training): a tfjs model built from the book's
 * spec — what predicts, saves, exports and hands its weights to the page — and the engine that
 * trains it, chosen by the probe (our kernel, or tfjs on its fastest backend; the reader may
 * override, and a model the kernel cannot train, such as an imported one with a layer it lacks,
 * falls back to tfjs). Training is the one loop over the texts as (ids, class) examples,
 * reshuffled each epoch with a fixed seed, validated after each epoch, with early stopping, the
 * NaN/divergence guard and its way back to the last good weights, and a checkpoint of weights,
 * Adam's state and position after each epoch, so a reload restores the model and a resumed run
 * continues with exactly the steps it would have taken.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { BookError, errorMessage } from '../engine/errors';
import { readSentimentModelMeta } from '../engine/sentimentModelMeta';
import type { ModelSpec } from '../engine/spec';
import type { TfModel } from './buildModel';
import { readModelForPython } from './notebookExport';
import type { SentimentCalls, SentimentCheckpointTarget, SentimentExamples, SentimentFailure, SentimentModelStatus, SentimentRunConfig, SentimentStop } from './sentimentCalls';
import { specFromModel } from './specFromModel';
import { describeModel } from './modelSession';
import { type Checkpoint, type CheckpointStore, type EnginePreference, type ExampleSet, TrainingSession, evaluateAll, exampleBatches, failureOf } from './training';
import type { BackendName, NamedWeight, Tf } from './types';
import { readWeights } from './weights';
import type { Handlers } from './workerRpc';

export interface SentimentEnv {
  tf: Tf;
  checkpoints: CheckpointStore;
  /** Picks and starts the tfjs backend the models live on. */
  startBackend(): Promise<BackendName>;
  /** Lets queued messages (a cancel) through between batches; the loop's own yield when absent. */
  yieldToMessages?(): Promise<void>;
}

/** Validation is read in batches of this many texts (dropout off, no shuffle). */
const EVAL_BATCH = 256;

/** What a sentiment checkpoint keeps beside the weights: the page's part, and how the model trains. */
interface Saved {
  page: unknown;
  learningRate: number;
  run: SentimentRunConfig | null;
  stop: SentimentStop | null;
}

interface Model {
  training: TrainingSession;
  learningRate: number;
  run: SentimentRunConfig | null;
  stop: SentimentStop | null;
  failure: SentimentFailure | null;
  savedAt: string | null;
  /** The page's part of the checkpoint, kept for the saves after a run. */
  page: unknown;
}

const exampleSet = (e: SentimentExamples): ExampleSet => ({ n: e.n, steps: e.maxlen, x: { kind: 'ids', ids: e.ids }, y: { kind: 'classes', classes: e.classes, perExample: 1 } });

export function createSentimentHandlers(env: SentimentEnv): { handlers: Handlers<SentimentCalls>; cancel(): void; pause(): void; resume(): void } {
  const { tf } = env;
  const models = new Map<string, Model>();
  const preferences = new Map<string, EnginePreference>();
  let backend: BackendName | null = null;

  async function ready(): Promise<BackendName> {
    backend ??= await env.startBackend();
    return backend;
  }

  const current = (name: string): Model => {
    const m = models.get(name);
    if (!m) throw new BookError('model.notReady', 'The model is not built, or is training.');
    return m;
  };

  function open(name: string, spec: ModelSpec, learningRate: number, weights?: NamedWeight[]): Model {
    models.get(name)?.training.dispose();
    const training = new TrainingSession(tf, { spec, settings: { learningRate, seed: 1 }, weights });
    const preference = preferences.get(name);
    if (preference) training.prefer(preference);
    const m: Model = { training, learningRate, run: null, stop: null, failure: null, savedAt: null, page: null };
    models.set(name, m);
    return m;
  }

  function status(m: Model): SentimentModelStatus {
    const model = m.training.model();
    return {
      backend: backend ?? 'cpu',
      engine: m.training.engineReport,
      spec: m.training.spec,
      learningRate: m.learningRate,
      ...describeModel(model),
      position: { ...m.training.position },
      seconds: m.training.seconds,
      history: m.training.history,
      run: m.run,
      stop: m.stop,
      failure: m.failure,
      savedAt: m.savedAt,
    };
  }

  const saved = (m: Model): Saved => ({ page: m.page, learningRate: m.learningRate, run: m.run, stop: m.stop });

  async function save(m: Model, target: SentimentCheckpointTarget): Promise<void> {
    m.page = target.meta;
    await m.training.saveTo(env.checkpoints, target.name, saved(m));
    m.savedAt = new Date().toISOString();
  }

  const handlers: Handlers<SentimentCalls> = {
    async build({ model, spec, learningRate, weights }) {
      await ready();
      return status(open(model, spec, learningRate, weights));
    },

    async train({ model, train, validation, run, checkpoint }, progress) {
      const m = current(model);
      m.failure = null;
      m.stop = null;
      m.run = run;
      if (checkpoint) m.page = checkpoint.meta;
      if (run.learningRate !== m.learningRate) {
        m.training.setLearningRate(run.learningRate);
        m.learningRate = run.learningRate;
      }
      const left = run.epochs - m.training.position.epoch;
      if (left <= 0) {
        m.stop = { reason: 'done', bestEpoch: null };
        return status(m);
      }
      const data = exampleBatches(exampleSet(train), run.batchSize, { seed: run.seed });
      const held = validation && validation.n > 0 ? exampleBatches(exampleSet(validation), EVAL_BATCH, { shuffle: false }) : null;
      const chanceLoss = Math.log(Math.max(2, train.classCount));
      const result = await m.training.run(
        data,
        // A checkpoint at each epoch's end: the step count of an epoch boundary is a multiple of
        // the batches per epoch, also in a run resumed mid-epoch.
        { epochs: left, patience: run.patience, restoreBest: run.restoreBest, checkpointEvery: checkpoint ? data.batchesPerEpoch : 0 },
        {
          chanceLoss,
          yieldNow: env.yieldToMessages,
          validate: held ? () => evaluateAll(m.training.currentEngine!, held) : undefined,
          onProgress: (p) => {
            if (p.checkpointed) m.savedAt = new Date().toISOString();
            progress(p);
          },
          checkpointTo: checkpoint ? { store: env.checkpoints, name: checkpoint.name, meta: () => saved(m) } : undefined,
        },
      );
      if (result.stopReason === 'nan' || result.stopReason === 'diverged') {
        m.failure = failureOf(result, chanceLoss);
        m.stop = { reason: result.stopReason, bestEpoch: null };
        return status(m);
      }
      m.stop = { reason: result.stopReason, bestEpoch: result.bestEpoch };
      // The loop's last checkpoint holds the weights; this one adds why the run stopped.
      if (checkpoint) await save(m, checkpoint);
      return status(m);
    },

    async measureEngines({ model, sample, batchSize, seconds }) {
      const m = current(model);
      const batch = exampleBatches(exampleSet(sample), Math.min(batchSize, sample.n), { shuffle: false }).batch(0, 0);
      return m.training.measure(batch, seconds * 1000);
    },

    async setEngine({ model, preference }) {
      preferences.set(model, preference);
      const m = models.get(model);
      if (!m) return null;
      m.training.prefer(preference);
      return m.training.engineReport;
    },

    async restoreLastGood({ model, checkpoint }) {
      const m = current(model);
      m.training.restoreLastGood();
      m.failure = null;
      m.stop = null;
      if (checkpoint) await save(m, checkpoint);
      return status(m);
    },

    predict({ model, ids, n }) {
      const book = current(model).training.model();
      const maxlen = ids.length / Math.max(1, n);
      const out = new Float32Array(n * (book.outputs[0].shape.at(-1) as number));
      for (let start = 0, offset = 0; start < n; start += EVAL_BATCH) {
        const size = Math.min(EVAL_BATCH, n - start);
        const rows = tf.tidy(() => (book.predict(tf.tensor2d(ids.subarray(start * maxlen, (start + size) * maxlen), [size, maxlen], 'int32')) as Tensor).dataSync() as Float32Array);
        out.set(rows, offset);
        offset += rows.length;
      }
      return out;
    },

    forPython({ model, input }) {
      return readModelForPython(tf, current(model).training.model(), input);
    },

    async save({ model, checkpoint }) {
      const m = current(model);
      await save(m, checkpoint);
      return { savedAt: m.savedAt! };
    },

    async restore({ model, name }) {
      await ready();
      const checkpoint: Checkpoint<Saved> | null = await env.checkpoints.load<Saved>(name);
      const meta = checkpoint?.meta;
      if (!checkpoint || !meta || typeof meta.learningRate !== 'number') return null;
      const m = open(model, checkpoint.spec, meta.learningRate);
      m.training.resumeFrom(checkpoint);
      Object.assign(m, { run: meta.run ?? null, stop: meta.stop ?? null, page: meta.page, savedAt: checkpoint.savedAt });
      return { ...status(m), meta: meta.page };
    },

    async forget({ name, model }) {
      await env.checkpoints.clear(name);
      if (model) {
        models.get(model)?.training.dispose();
        models.delete(model);
      }
      return null;
    },

    async exportModel({ model, metadata, weightsFile }) {
      const book = current(model).training.model();
      book.setUserDefinedMetadata(metadata as never);
      let json = '';
      let weights = new ArrayBuffer(0);
      await book.save(
        tf.io.withSaveHandler(async (artifacts) => {
          const data = artifacts.weightData ?? new ArrayBuffer(0);
          weights = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
          json = JSON.stringify({
            format: artifacts.format,
            generatedBy: artifacts.generatedBy,
            convertedBy: artifacts.convertedBy ?? null,
            modelTopology: artifacts.modelTopology,
            weightsManifest: [{ paths: [`./${weightsFile}`], weights: artifacts.weightSpecs }],
            userDefinedMetadata: artifacts.userDefinedMetadata,
          });
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        }),
      );
      return { modelJson: json, weights };
    },

    async importModel({ model, modelJson, weights, learningRate }) {
      await ready();
      let parsed: { modelTopology?: object; weightsManifest?: { weights: never[] }[]; userDefinedMetadata?: unknown };
      try {
        parsed = JSON.parse(modelJson);
      } catch {
        throw new BookError('modelFiles.notJson', 'model.json is not valid JSON.');
      }
      if (!parsed || typeof parsed !== 'object' || !parsed.modelTopology || !Array.isArray(parsed.weightsManifest)) throw new BookError('modelFiles.notLayersModel', 'This JSON file is not a tfjs layers model (no modelTopology or weightsManifest).');
      let loaded: TfModel;
      try {
        // Inside the try: a manifest group that is not an object is tfjs' refusal too.
        const weightSpecs = parsed.weightsManifest.flatMap((group) => group.weights);
        loaded = (await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs, weightData: weights }))) as TfModel;
      } catch (error) {
        throw new BookError('model.tfjsLoadFailed', `tfjs could not load the model: ${errorMessage(error)}`, { detail: errorMessage(error) });
      }
      try {
        const spec = specFromModel(loaded);
        // Checked before the model takes the slot: a file whose metadata does not fit its layers
        // is refused while the reader's model is still the one here.
        readSentimentModelMeta(parsed.userDefinedMetadata, spec);
        return { ...status(open(model, spec, learningRate, readWeights(loaded))), metadata: parsed.userDefinedMetadata ?? null };
      } finally {
        loaded.dispose();
      }
    },
  };

  const each = (f: (m: Model) => void) => () => models.forEach(f);
  return {
    handlers,
    cancel: each((m) => m.training.control.cancel()),
    pause: each((m) => m.training.control.pause()),
    resume: each((m) => m.training.control.resume()),
  };
}
