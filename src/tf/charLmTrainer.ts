/**
 * Everything the character-model worker does, as plain handlers over an injected tfjs, text
 * loader and checkpoint store, so that node and component tests run the very same code in-process.
 *
 * Training follows the source: the text becomes N rows read M characters at a time, each row's
 * LSTM state carries from one batch to the next (reset at each pass over the text), the loss is
 * the mean cross-entropy in nats per character, gradients are clipped to a global norm and Adam
 * applies them. The steps run in the one training loop (src/tf/training) on the engine the probe
 * measured fastest (or the reader chose); sampling, traces and the held-out loss run forward on
 * the kernel (charLmInference.ts).
 */
import { BookError } from '../engine/errors';
import { type BatchLayout, type CharVocabulary, batchLayout, buildCharVocabulary, encodeChars, vocabularyOf } from '../engine/charBatches';
import { charLmMemoryProblem } from '../engine/charLmMemory';
import type { ModelSpec } from '../engine/spec';
import { buildModel } from './buildModel';
import {
  type CharInput,
  type CharLmCalls,
  type CharLmConfig,
  type CorpusInfo,
  EMBEDDING_ABOVE,
  EMBEDDING_DIM,
  type HistoryPoint,
  type ModelInfo,
  type SampleLog,
  type TrainerStatus,
} from './charLmCalls';
import { type CharModel, charModelOf, encodePrime, firstLayerStep, generate, heldOutLoss, traceText } from './charLmInference';
import { importCharModel } from './charModelImport';
import { readModelForPython } from './notebookExport';
import { type TfModel } from './buildModel';
import { loadTrainingKernels } from './trainingKernels';
import { type CheckpointStore, TrainingSession, charWindowBatches, createEngine, failureOf, fastestTfjsBackend, runTraining } from './training';
import type { BackendName, Tf } from './types';
import { readWeights } from './weights';
import type { Handlers } from './workerRpc';

export interface TrainerEnv {
  tf: Tf;
  checkpoints: CheckpointStore;
  /** Picks and starts the tfjs backend the book's model lives on. */
  startBackend(): Promise<BackendName>;
  /** Fetches a text file, reporting bytes as they arrive. */
  fetchText(url: string, onProgress: (loaded: number, total: number) => void): Promise<string>;
  /** Lets queued messages (a cancel) through between training steps; the loop's own yield when absent. */
  yieldToMessages?(): Promise<void>;
}

export const VALIDATION_FRACTION = 0.1;
/** Held-out batches averaged for one validation figure. */
const VALIDATION_BATCHES = 4;
const MAX_TRACE = 2000;
const MAX_HISTORY_POINTS = 20_000;

export function charInputOf(config: CharLmConfig, vocabSize: number): 'one-hot' | 'embedding' {
  const input: CharInput = config.input ?? 'auto';
  if (input !== 'auto') return input;
  return vocabSize > EMBEDDING_ABOVE ? 'embedding' : 'one-hot';
}

export function charLmSpec(config: CharLmConfig, vocabSize: number): ModelSpec {
  const embedded = charInputOf(config, vocabSize) === 'embedding';
  const layers: ModelSpec['layers'] = embedded ? [{ kind: 'embedding', name: 'embedding', inputDim: vocabSize, outputDim: EMBEDDING_DIM }] : [];
  for (let i = 0; i < config.layers; i++) {
    layers.push({ kind: 'lstm', name: `lstm_${i + 1}`, units: config.units, returnSequences: true, unitForgetBias: true });
    if (config.dropout > 0) layers.push({ kind: 'dropout', name: `dropout_${i + 1}`, rate: config.dropout });
  }
  layers.push({ kind: 'dense', name: 'next_char', units: vocabSize, activation: 'softmax' });
  return { inputShape: embedded ? [null] : [null, vocabSize], layers };
}

interface Corpus {
  info: CorpusInfo;
  vocab: CharVocabulary;
  train: Int32Array;
  validation: Int32Array;
}

function corpusOf(name: string, text: string, config: CharLmConfig): Corpus {
  if (text.length < 200) throw new BookError('charLm.textTooShort', `The text has ${text.length} characters; give it at least 200 to train on.`, { length: text.length, min: 200 });
  // Before the ids exist: a text or vocabulary too large for the tab is refused here.
  const sizeProblem = charLmMemoryProblem(text.length, 0, { layers: config.layers, units: config.units, input: 'embedding', embeddingDim: EMBEDDING_DIM });
  if (sizeProblem) throw sizeProblem;
  const vocab = buildCharVocabulary(text);
  const V = vocab.chars.length;
  const modelProblem = charLmMemoryProblem(text.length, V, { layers: config.layers, units: config.units, input: charInputOf(config, V), embeddingDim: EMBEDDING_DIM });
  if (modelProblem) throw modelProblem;
  const ids = encodeChars(text, vocab);
  const cut = Math.floor(ids.length * (1 - VALIDATION_FRACTION));
  return {
    vocab,
    train: ids.subarray(0, cut),
    validation: ids.subarray(cut),
    info: { name, characters: text.length, vocabulary: vocab.chars, trainCharacters: cut, validationCharacters: ids.length - cut, first200: text.slice(0, 200) },
  };
}

const sameConfig = (a: CharLmConfig, b: CharLmConfig) =>
  a.layers === b.layers && a.units === b.units && a.batchSize === b.batchSize && a.numSteps === b.numSteps && a.dropout === b.dropout && a.learningRate === b.learningRate && a.clipNorm === b.clipNorm && (a.input ?? 'auto') === (b.input ?? 'auto');

interface CheckpointMeta {
  config: CharLmConfig;
  vocabulary: string[];
  corpusName: string;
  points: HistoryPoint[];
  samples: SampleLog[];
}

interface Session {
  corpus: Corpus;
  config: CharLmConfig;
  spec: ModelSpec;
  training: TrainingSession;
  layout: BatchLayout;
  points: HistoryPoint[];
  samples: SampleLog[];
  resumed: boolean;
  backend: BackendName;
  storageKey: string;
  failure: TrainerStatus['failure'];
  params: number;
}

interface Imported {
  model: TfModel;
  charModel: CharModel;
  window: number | null;
  input: 'one-hot' | 'embedding';
}

const checkpointName = (key: string) => `charlm-${key}`;

export function createCharLmHandlers(env: TrainerEnv): { handlers: Handlers<CharLmCalls>; cancel(): void; pause(): void; resume(): void } {
  const { tf } = env;
  let session: Session | null = null;
  let imported: Imported | null = null;
  let useImported = false;
  /** The trained model's forward copy (weights refreshed on every use). */
  let trainedModel: CharModel | null = null;

  const current = (): Session => {
    if (!session) throw new BookError('charLm.noText', 'Load a text before training.');
    return session;
  };

  const status = (s: Session): TrainerStatus => ({
    backend: s.backend,
    engine: s.training.engineReport,
    input: charInputOf(s.config, s.corpus.vocab.chars.length),
    failure: s.failure,
    corpus: s.corpus.info,
    config: s.config,
    params: s.params,
    step: s.training.position.step,
    history: s.points,
    samples: s.samples,
    resumed: s.resumed,
  });

  /** The trained model's forward copy for sampling, traces and the held-out loss, with the weights it has right now. */
  function trainedNow(s: Session, wasm: WebAssembly.Module | undefined): CharModel {
    const weights = s.training.currentEngine?.getWeights() ?? s.training.weights();
    if (trainedModel) trainedModel.predictor.setWeights(weights);
    else trainedModel = charModelOf(s.spec, weights, s.corpus.vocab, null, wasm);
    return trainedModel;
  }

  async function trained(s: Session): Promise<CharModel> {
    return trainedNow(s, (await loadTrainingKernels()) ?? undefined);
  }

  async function activeModel(): Promise<CharModel> {
    if (useImported && imported) return imported.charModel;
    return trained(current());
  }

  function sampleWith(model: CharModel, s: Session, prime: string, step: number): SampleLog {
    const safePrime = [...prime].filter((c) => s.corpus.vocab.index.has(c)).join('') || s.corpus.vocab.chars[0];
    const { chars } = generate(model, { prime: safePrime, length: 200, topN: 4, temperature: 1, seed: step });
    return { step, text: safePrime + chars.map((c) => c.char).join('') };
  }

  function modelInfo(spec: ModelSpec, vocab: CharVocabulary, source: ModelInfo['source'], name: string, window: number | null): ModelInfo {
    return {
      source,
      name,
      vocabulary: vocab.chars,
      layers: spec.layers.flatMap((l) => (l.kind === 'lstm' ? [{ units: l.units, recurrentActivation: l.recurrentActivation === 'hard_sigmoid' ? 'hardSigmoid' : (l.recurrentActivation ?? 'sigmoid') }] : [])),
      inputLayout: spec.layers[0]?.kind === 'embedding' ? 'embedding' : 'one-hot',
      window,
    };
  }

  function closeSession() {
    session?.training.dispose();
    session = null;
    trainedModel = null;
  }

  const meta = (s: Session): CheckpointMeta => ({ config: s.config, vocabulary: s.corpus.vocab.chars, corpusName: s.corpus.info.name, points: s.points, samples: s.samples });

  const handlers: Handlers<CharLmCalls> = {
    async load({ source, config, storageKey, resume }, progress) {
      const backend = await env.startBackend();
      if (source.kind === 'own') {
        const problem = charLmMemoryProblem(source.text.length, 0, { layers: config.layers, units: config.units, input: 'embedding', embeddingDim: EMBEDDING_DIM });
        if (problem) throw problem;
      }
      const text = source.kind === 'own' ? source.text : await env.fetchText(source.url, (loaded, total) => progress({ loaded, total }));
      const corpus = corpusOf(source.kind === 'own' ? source.name : 'moby-dick', text, config);
      const layout = batchLayout(corpus.train.length, config.batchSize, config.numSteps, 'next');
      if (layout.numBatches === 0) throw new BookError('charLm.textTooShortForBatches', `The text is too short for batches of ${config.batchSize} × ${config.numSteps} characters.`, { batch: config.batchSize, steps: config.numSteps });
      closeSession();
      let saved = resume ? await env.checkpoints.load<CheckpointMeta>(checkpointName(storageKey)) : null;
      const m = saved?.meta;
      if (saved && (!m || !sameConfig(m.config, config) || m.corpusName !== corpus.info.name || m.vocabulary.join('') !== corpus.vocab.chars.join(''))) saved = null;
      const spec = charLmSpec(config, corpus.vocab.chars.length);
      const training = new TrainingSession(tf, {
        spec,
        settings: { learningRate: config.learningRate, clipNorm: config.clipNorm, loss: 'softmaxCrossEntropy', stateful: true, batchSize: config.batchSize, seed: 1 },
      });
      if (saved) training.resumeFrom(saved);
      const params = training.model().countParams();
      session = {
        params,
        corpus,
        config,
        spec,
        training,
        layout,
        points: saved?.meta.points ?? [],
        samples: saved?.meta.samples ?? [],
        resumed: Boolean(saved),
        backend,
        storageKey,
        failure: null,
      };
      return status(session);
    },

    async train({ maxSteps, timeLimitMs, sampleEvery, evalEvery, checkpointEvery, prime }, progress) {
      const s = current();
      s.failure = null;
      const wasm = (await loadTrainingKernels()) ?? undefined;
      const data = charWindowBatches(s.corpus.train, s.layout);
      const validationLayout = batchLayout(s.corpus.validation.length, s.config.batchSize, s.config.numSteps, 'next');
      const result = await s.training.run(
        data,
        { maxSteps, timeLimitMs: timeLimitMs ?? null, evaluateEvery: evalEvery, checkpointEvery },
        {
          chanceLoss: Math.log(s.corpus.vocab.chars.length),
          yieldNow: env.yieldToMessages,
          validate: () => null,
          decorate: (p) => {
            const extra: { validation?: { loss: number; accuracy: number }; sample?: SampleLog } = {};
            const needModel = p.step % evalEvery === 0 || p.step % sampleEvery === 0;
            if (!needModel) return extra;
            const model = trainedNow(s, wasm);
            if (p.step % evalEvery === 0) extra.validation = { loss: heldOutLoss(model, s.corpus.validation, validationLayout, VALIDATION_BATCHES), accuracy: NaN };
            if (p.step % sampleEvery === 0) {
              extra.sample = sampleWith(model, s, prime, p.step);
              s.samples = [...s.samples.slice(-19), extra.sample];
            }
            return extra;
          },
          onProgress: (p) => {
            if (p.paused) return progress(p);
            const point: HistoryPoint = { step: p.step, loss: p.loss, seconds: p.seconds };
            if (p.validation) point.valLoss = p.validation.loss;
            s.points.push(point);
            if (s.points.length > MAX_HISTORY_POINTS) s.points = s.points.filter((_, i) => i % 2 === 0 || i > s.points.length / 2);
            progress(p);
          },
          checkpointTo: { store: env.checkpoints, name: checkpointName(s.storageKey), meta: () => meta(s) },
        },
      );
      s.failure = failureOf(result, Math.log(s.corpus.vocab.chars.length));
      return status(s);
    },

    async measureEngines({ seconds }) {
      const s = current();
      await s.training.measure(charWindowBatches(s.corpus.train, s.layout).batch(0, 0), seconds * 1000);
      return status(s);
    },

    async setEngine({ preference }) {
      if (!session) return null;
      session.training.prefer(preference);
      return status(session);
    },

    async restoreLastGood() {
      const s = current();
      const at = s.training.restoreLastGood();
      if (at) s.points = s.points.filter((p) => p.step <= at.step);
      s.failure = null;
      await s.training.saveTo(env.checkpoints, checkpointName(s.storageKey), meta(s));
      return status(s);
    },

    async weights() {
      if (useImported && imported) return { spec: imported.charModel.spec, weights: readWeights(imported.model), vocabulary: imported.charModel.vocab.chars, source: 'imported' as const };
      if (!session) return null;
      return { spec: session.spec, weights: session.training.weights(), vocabulary: session.corpus.vocab.chars, source: 'trained' as const };
    },

    async generate(args) {
      return generate(await activeModel(), args);
    },

    async trace({ text }) {
      const model = await activeModel();
      const clipped = text.slice(0, MAX_TRACE);
      return traceText(model, clipped);
    },

    async cellStep({ text, at }) {
      return firstLayerStep(await activeModel(), text.slice(0, MAX_TRACE), at);
    },

    async clearCheckpoint({ storageKey }) {
      await env.checkpoints.clear(checkpointName(storageKey));
      return null;
    },

    async importModel(args) {
      await env.startBackend();
      const loaded = await importCharModel(tf, args);
      const vocab = vocabularyOf(loaded.vocabulary);
      const wasm = (await loadTrainingKernels()) ?? undefined;
      const charModel = charModelOf(loaded.spec, readWeights(loaded.model), vocab, loaded.window, wasm);
      imported?.model.dispose();
      imported = { model: loaded.model, charModel, window: loaded.window, input: loaded.input };
      useImported = true;
      return modelInfo(loaded.spec, vocab, 'imported', 'imported', loaded.window);
    },

    forPython({ prime }) {
      const fromImport = useImported && imported;
      const s = fromImport ? null : current();
      const spec = fromImport ? imported!.charModel.spec : s!.spec;
      const vocab = fromImport ? imported!.charModel.vocab : s!.corpus.vocab;
      const window = fromImport ? imported!.window : null;
      const model = fromImport ? imported!.model : s!.training.model();
      const text = window ? prime.repeat(window).slice(-window) : prime;
      const ids = encodePrime(text, vocab);
      const V = vocab.chars.length;
      const input =
        spec.layers[0]?.kind !== 'embedding'
          ? { values: Float32Array.from(ids.flatMap((id) => Array.from({ length: V }, (_, k) => (k === id ? 1 : 0)))), shape: [1, ids.length, V] }
          : { values: Float32Array.from(ids), shape: [1, ids.length] };
      const read = readModelForPython(tf, model as never, input);
      return { spec, vocabulary: vocab.chars, text, trained: !fromImport, step: s?.training.position.step ?? 0, ...read };
    },

    useTrained() {
      useImported = false;
      return session ? modelInfo(session.spec, session.corpus.vocab, 'trained', session.corpus.info.name, null) : null;
    },

    async compareWithFit({ batches }) {
      const s = current();
      const { config } = s;
      const V = s.corpus.vocab.chars.length;
      const warmup = 2;
      const chars = batches * config.batchSize * config.numSteps;
      const data = charWindowBatches(s.corpus.train, s.layout);
      // Our loop on the engine training uses, on a scratch copy so the reader's model is not disturbed.
      const engineName = s.training.engineReport?.engine ?? 'kernel';
      const wasm = (await loadTrainingKernels()) ?? undefined;
      const before = tf.getBackend();
      const scratch = await createEngine(tf, engineName, { spec: s.spec, settings: { ...s.training.settings, weights: s.training.weights() } }, wasm);
      const quiet = { engine: scratch, data, yieldNow: async () => undefined };
      await runTraining(quiet, { maxSteps: warmup });
      // Timed: the same batches model.fit gets below (warmup … warmup + batches − 1), by the wall
      // clock around the whole run as model.fit is timed below (batch assembly and the loop's own
      // work included, not only the steps).
      const loopStart = performance.now();
      await runTraining(quiet, { maxSteps: batches }, { position: { step: warmup, epoch: 0, batchInEpoch: warmup % data.batchesPerEpoch }, seconds: 0, history: [] });
      const loopSeconds = (performance.now() - loopStart) / 1000;
      scratch.dispose();
      if (tf.getBackend() !== before) await tf.setBackend(before);
      // model.fit runs on the fastest tfjs backend the probe measured (the book's backend when nothing was probed).
      const fitBackend = fastestTfjsBackend(s.training.engineReport?.timings ?? []) ?? before;
      if (tf.getBackend() !== fitBackend) await tf.setBackend(fitBackend);

      // model.fit on a second scratch copy of the same architecture, the same batches, one-hot as the source feeds it.
      const fitSpec = charLmSpec({ ...config, input: 'one-hot' }, V);
      const model = buildModel(tf, fitSpec);
      model.compile({ optimizer: tf.train.adam(config.learningRate), loss: 'categoricalCrossentropy' });
      const fitOn = async (from: number, count: number) => {
        const ids = new Int32Array(count * config.batchSize * config.numSteps);
        const next = new Int32Array(ids.length);
        for (let k = 0; k < count; k++) {
          const b = data.batch(0, (from + k) % data.batchesPerEpoch);
          ids.set((b.x as { ids: Int32Array }).ids, k * b.x.batch * b.x.steps);
          next.set((b.y as { classes: Int32Array }).classes, k * b.x.batch * b.x.steps);
        }
        const [x, y] = tf.tidy(() => [tf.oneHot(tf.tensor2d(ids, [count * config.batchSize, config.numSteps], 'int32'), V).toFloat(), tf.oneHot(tf.tensor2d(next, [count * config.batchSize, config.numSteps], 'int32'), V).toFloat()]);
        const t0 = performance.now();
        await model.fit(x, y, { batchSize: config.batchSize, epochs: 1, shuffle: false, verbose: 0 });
        const seconds = (performance.now() - t0) / 1000;
        tf.dispose([x, y]);
        return seconds;
      };
      await fitOn(0, warmup);
      const fitSeconds = await fitOn(warmup, batches);
      model.dispose();
      const usedBackend = tf.getBackend();
      if (usedBackend !== before) await tf.setBackend(before);
      return { loopCharsPerSecond: chars / loopSeconds, fitCharsPerSecond: chars / fitSeconds, batches, engine: engineName, fitBackend: usedBackend };
    },
  };

  return {
    handlers,
    cancel: () => session?.training.control.cancel(),
    pause: () => session?.training.control.pause(),
    resume: () => session?.training.control.resume(),
  };
}
