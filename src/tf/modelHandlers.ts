/**
 * Everything the general-purpose model worker does, as plain handlers over an injected tfjs and
 * checkpoint store, so node and component tests run the very same code in-process.
 *
 * A small model the reader trains (the toy RNN/LSTM, "hello") lives in a TrainingSession: the
 * tfjs model the book reads, and the engine that trains it in the one loop (src/tf/training) —
 * our kernel or tfjs, whichever the probe measured faster or the reader chose. The source trains
 * these with model.fit; the loop runs the same forward pass, BPTT and tfjs' Adam formula, one
 * batch per step, and moves the weights into the tfjs model whose predict the chapters check by
 * hand. Every run ends with a checkpoint (weights and Adam's state) in the one IndexedDB store,
 * so a reload restores the model and a further run continues exactly as an unbroken one would.
 */
import { BookError } from '../engine/errors';
import type { ModelCalls, TrainedStatus } from './modelCalls';
import { ModelSession, describeModel, predictWith } from './modelSession';
import { readModelForPython } from './notebookExport';
import { type Checkpoint, type CheckpointStore, type TrainFailure, TrainingSession, exampleBatches, failureOf } from './training';
import type { EnginePreference } from './training/types';
import type { BackendName, Tf } from './types';
import type { Handlers } from './workerRpc';

export interface ModelWorkerEnv {
  tf: Tf;
  checkpoints: CheckpointStore;
  /** Picks and starts the tfjs backend the book's model lives on. */
  startBackend(): Promise<BackendName>;
  /** Lets queued messages (a cancel) through between steps; the loop's own yield when absent. */
  yieldToMessages?(): Promise<void>;
}

/** Each epoch's order of examples comes from this seed, so a resumed run shuffles as an unbroken one. */
const SHUFFLE_SEED = 1;

interface Meta {
  key: string;
}

interface Open {
  training: TrainingSession;
  checkpoint: string;
  key: string;
  resumed: boolean;
  failure: TrainFailure | null;
}

/** The last Dense layer's width: the classes the model chooses among (the divergence guard's ln(classes)). */
function classesOf(training: TrainingSession): number {
  const last = training.spec.layers[training.spec.layers.length - 1];
  // A one-unit sigmoid head still chooses between two classes (ln 1 = 0 would call any loss diverged).
  return last?.kind === 'dense' ? Math.max(2, last.units) : 2;
}

export function createModelHandlers(env: ModelWorkerEnv): { handlers: Handlers<ModelCalls>; cancel(): void; pause(): void; resume(): void } {
  const { tf } = env;
  let backend: BackendName | null = null;
  let built: ModelSession | null = null;
  let open: Open | null = null;
  let preference: EnginePreference = 'auto';

  const startBackend = async () => (backend ??= await env.startBackend());

  const current = (): Open => {
    if (!open) throw new BookError('model.notReady', 'Build the model before using it.');
    return open;
  };

  const status = (o: Open): TrainedStatus => {
    const model = o.training.model();
    const { summary, layerParams, weights } = describeModel(model);
    return {
      backend: backend ?? 'cpu',
      engine: o.training.engineReport,
      failure: o.failure,
      summary,
      layerParams,
      weights,
      history: o.training.history,
      step: o.training.position.step,
      resumed: o.resumed,
    };
  };

  const save = (o: Open) => o.training.saveTo(env.checkpoints, o.checkpoint, { key: o.key } satisfies Meta);

  const handlers: Handlers<ModelCalls> = {
    async build({ spec, weights }) {
      await startBackend();
      built ??= new ModelSession(tf);
      return { backend: backend!, ...built.build(spec, weights) };
    },

    async open({ spec, learningRate, checkpoint, key, fresh }) {
      await startBackend();
      open?.training.dispose();
      open = null;
      let saved: Checkpoint<Meta> | null = fresh ? null : await env.checkpoints.load<Meta>(checkpoint);
      if (saved && (saved.meta?.key !== key || JSON.stringify(saved.spec) !== JSON.stringify(spec))) saved = null;
      const training = new TrainingSession(tf, { spec, settings: { learningRate, seed: 1 } });
      training.prefer(preference);
      if (saved) training.resumeFrom(saved);
      const o: Open = { training, checkpoint, key, resumed: saved !== null, failure: null };
      open = o;
      // Fresh weights are saved at once, so a reload shows the same untrained model.
      if (!saved) await save(o);
      return status(o);
    },

    async train({ data, epochs, batchSize, learningRate }, progress) {
      const o = current();
      o.failure = null;
      o.training.setLearningRate(learningRate);
      const chanceLoss = Math.log(classesOf(o.training));
      const result = await o.training.run(
        exampleBatches(data, batchSize, { seed: SHUFFLE_SEED }),
        { epochs },
        {
          chanceLoss,
          yieldNow: env.yieldToMessages,
          onProgress: progress,
          checkpointTo: { store: env.checkpoints, name: o.checkpoint, meta: () => ({ key: o.key }) satisfies Meta },
        },
      );
      o.failure = failureOf(result, chanceLoss);
      return status(o);
    },

    async setEngine({ preference: chosen }) {
      preference = chosen;
      if (!open) return null;
      open.training.prefer(chosen);
      return status(open);
    },

    async restoreLastGood() {
      const o = current();
      o.training.restoreLastGood();
      o.failure = null;
      await save(o);
      return status(o);
    },

    predict({ x, shape }) {
      const model = open ? open.training.model() : built?.current;
      if (!model) throw new BookError('model.notReady', 'Build the model before using it.');
      return predictWith(tf, model, x, shape);
    },

    forPython({ input }) {
      const model = open ? open.training.model() : built?.current;
      if (!model) throw new BookError('model.notReady', 'Build the model before using it.');
      return readModelForPython(tf, model, input);
    },
  };

  return {
    handlers,
    cancel: () => open?.training.control.cancel(),
    pause: () => open?.training.control.pause(),
    resume: () => open?.training.control.resume(),
  };
}
