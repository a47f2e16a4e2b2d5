/**
 * Everything the character-model worker does, as plain handlers over an injected tfjs, text
 * loader and checkpoint store, so that node and component tests run the very same code in-process.
 *
 * Training follows the source: the text becomes N rows read M characters at a time, each row's
 * LSTM state carries from one batch to the next (reset at each pass over the text), the loss is
 * the mean cross-entropy in nats per character, gradients are clipped to a global norm and Adam
 * applies them.
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { type BatchLayout, type CharVocabulary, batchLayout, buildCharVocabulary, charBatch, encodeChars, vocabularyOf } from '../engine/charBatches';
import { seededRandom } from '../engine/random';
import { chooseNext } from '../engine/sampling';
import type { ModelSpec } from '../engine/spec';
import { buildModel } from './buildModel';
import type {
  CharLmCalls,
  CharLmConfig,
  CorpusInfo,
  GenerateArgs,
  GeneratedChar,
  HistoryPoint,
  ModelInfo,
  SampleLog,
  TextSource,
  TrainerStatus,
  UnitTrace,
} from './charLmCalls';
import type { CheckpointStore } from './charLmCheckpoints';
import { type CharNet, type LayerState, charNetOf, crossEntropy, forward, zeroStates } from './charLmNet';
import { importCharModel } from './charModelImport';
import { readModelForPython } from './notebookExport';
import { specFromModel } from './specFromModel';
import type { BackendName, Tf } from './types';
import type { Handlers } from './workerRpc';

export interface TrainerEnv {
  tf: Tf;
  checkpoints: CheckpointStore;
  /** Picks and starts the backend. */
  startBackend(): Promise<BackendName>;
  /** Fetches a text file, reporting bytes as they arrive. */
  fetchText(url: string, onProgress: (loaded: number, total: number) => void): Promise<string>;
  /** Lets queued messages (a cancel) through between training steps. */
  yieldToMessages(): Promise<void>;
}

export const VALIDATION_FRACTION = 0.1;
/** Held-out batches averaged for one validation figure. */
const VALIDATION_BATCHES = 4;
const MAX_TRACE = 2000;

export function charLmSpec(config: CharLmConfig, vocabSize: number): ModelSpec {
  const layers: ModelSpec['layers'] = [];
  for (let i = 0; i < config.layers; i++) {
    layers.push({ kind: 'lstm', name: `lstm_${i + 1}`, units: config.units, returnSequences: true, unitForgetBias: true });
    if (config.dropout > 0) layers.push({ kind: 'dropout', name: `dropout_${i + 1}`, rate: config.dropout });
  }
  layers.push({ kind: 'dense', name: 'next_char', units: vocabSize, activation: 'softmax' });
  return { inputShape: [null, vocabSize], layers };
}

interface Corpus {
  info: CorpusInfo;
  vocab: CharVocabulary;
  train: Int32Array;
  validation: Int32Array;
}

function corpusOf(name: string, text: string): Corpus {
  if (text.length < 200) throw new Error(`The text has ${text.length} characters; give it at least 200 to train on.`);
  const vocab = buildCharVocabulary(text);
  const ids = encodeChars(text, vocab);
  const cut = Math.floor(ids.length * (1 - VALIDATION_FRACTION));
  return {
    vocab,
    train: ids.subarray(0, cut),
    validation: ids.subarray(cut),
    info: { name, characters: text.length, vocabulary: vocab.chars, trainCharacters: cut, validationCharacters: ids.length - cut, first200: text.slice(0, 200) },
  };
}

const sameConfig = (a: CharLmConfig, b: CharLmConfig) => (Object.keys(a) as (keyof CharLmConfig)[]).every((k) => a[k] === b[k]);

/** ‖g‖ over every gradient together; all are scaled down by the same factor when it exceeds clip. */
export function clipByGlobalNorm(tf: Tf, grads: Record<string, Tensor>, clip: number): Record<string, Tensor> {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
    const scale = tf.div(clip, tf.maximum(norm, clip));
    return Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, scale)]));
  });
}

interface Session {
  corpus: Corpus;
  config: CharLmConfig;
  net: CharNet;
  optimizer: import('@tensorflow/tfjs').Optimizer;
  layout: BatchLayout;
  states: LayerState[] | null;
  step: number;
  seconds: number;
  history: HistoryPoint[];
  samples: SampleLog[];
  resumed: boolean;
  backend: BackendName;
  storageKey: string;
}

function paramCount(net: CharNet): number {
  return net.trainable.reduce((n, v) => n + v.size, 0);
}

export function createCharLmHandlers(env: TrainerEnv): { handlers: Handlers<CharLmCalls>; cancel(): void } {
  const { tf } = env;
  let session: Session | null = null;
  let imported: { net: CharNet; vocab: CharVocabulary; name: string } | null = null;
  let useImported = false;
  let stopRequested = false;

  const current = (): Session => {
    if (!session) throw new Error('Load a text before training.');
    return session;
  };

  const status = (s: Session): TrainerStatus => ({
    backend: s.backend,
    corpus: s.corpus.info,
    config: s.config,
    params: paramCount(s.net),
    step: s.step,
    history: s.history,
    samples: s.samples,
    resumed: s.resumed,
  });

  function disposeStates(states: LayerState[] | null) {
    states?.forEach((s) => tf.dispose([s.h, s.c]));
  }

  function batchTensors(ids: Int32Array, layout: BatchLayout, k: number): [Tensor2D, Tensor2D] {
    const { x, y } = charBatch(ids, layout, k, 'next');
    const flat = (rows: Int32Array[]) => Int32Array.from(rows.flatMap((r) => Array.from(r)));
    return [tf.tensor2d(flat(x), [layout.numSeqs, layout.numSteps], 'int32'), tf.tensor2d(flat(y), [layout.numSeqs, layout.numSteps], 'int32')];
  }

  /** One optimiser step on batch k; returns the loss and keeps the final states for the next batch. */
  async function trainStep(net: CharNet, optimizer: Session['optimizer'], config: CharLmConfig, ids: Int32Array, layout: BatchLayout, k: number, states: LayerState[]) {
    const [x, y] = batchTensors(ids, layout, k);
    let next: LayerState[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const out = forward(tf, net, x, states, { dropout: config.dropout });
      next = out.states.map((s) => ({ h: tf.keep(s.h), c: tf.keep(s.c) }));
      return crossEntropy(tf, out.logits, y, net.vocabSize) as import('@tensorflow/tfjs').Scalar;
    }, net.trainable);
    const clipped = clipByGlobalNorm(tf, grads, config.clipNorm);
    optimizer.applyGradients(clipped as never);
    const loss = (await value.data())[0];
    tf.dispose([x, y, value, ...Object.values(grads), ...Object.values(clipped)]);
    return { loss, states: next };
  }

  function validationLoss(s: Session): number {
    const layout = batchLayout(s.corpus.validation.length, s.config.batchSize, s.config.numSteps, 'next');
    const batches = Math.min(VALIDATION_BATCHES, layout.numBatches);
    if (batches === 0) return NaN;
    let states = zeroStates(tf, s.net, s.config.batchSize);
    let total = 0;
    for (let k = 0; k < batches; k++) {
      const [x, y] = batchTensors(s.corpus.validation, layout, k);
      const { loss, next } = tf.tidy(() => {
        const out = forward(tf, s.net, x, states);
        return { loss: crossEntropy(tf, out.logits, y, s.net.vocabSize), next: out.states.map((st) => ({ h: tf.keep(st.h), c: tf.keep(st.c) })) };
      });
      total += loss.dataSync()[0];
      tf.dispose([x, y, loss]);
      disposeStates(states);
      states = next;
    }
    disposeStates(states);
    return total / batches;
  }

  function activeModel(): { net: CharNet; vocab: CharVocabulary } {
    if (useImported && imported) return imported;
    return { net: current().net, vocab: current().corpus.vocab };
  }

  function encodePrime(text: string, vocab: CharVocabulary): number[] {
    const unknown = [...new Set([...text].filter((c) => !vocab.index.has(c)))];
    if (unknown.length > 0) throw new Error(`The model has never seen ${unknown.map((c) => JSON.stringify(c)).join(', ')}; remove it from the text.`);
    return [...text].map((c) => vocab.index.get(c)!);
  }

  /** Logits for the next character after `context` (and new states), tracing h and c. */
  function runContext(net: CharNet, ids: number[], states: LayerState[]) {
    return tf.tidy(() => {
      const x = tf.tensor2d(Int32Array.from(ids), [1, ids.length], 'int32');
      const out = forward(tf, net, x, states, { trace: true });
      const last = tf.slice(out.logits, [ids.length - 1, 0], [1, -1]);
      return {
        logits: last.dataSync() as Float32Array,
        states: out.states.map((s) => ({ h: tf.keep(s.h), c: tf.keep(s.c) })),
        trace: out.trace!.map((l) => ({ h: l.h.map((t) => t.dataSync() as Float32Array), c: l.c.map((t) => t.dataSync() as Float32Array) })),
      };
    });
  }

  function emptyTrace(net: CharNet): UnitTrace['layers'] {
    return net.lstms.map(() => ({ h: [], c: [] }));
  }

  function generateWith(net: CharNet, vocab: CharVocabulary, { prime, length, topN, temperature, seed, greedy }: GenerateArgs) {
    if (prime.length === 0) throw new Error('Give a prime text of at least one character.');
    const random = seededRandom(seed);
    const layers = emptyTrace(net);
    let tracedText = '';
    const chars: GeneratedChar[] = [];
    const window = net.window;
    const context = encodePrime(prime, vocab);
    let states = zeroStates(tf, net, 1);
    /** Feeds ids (from `states`) and records each fed character's h and c. */
    const feed = (ids: number[], onlyLast: boolean) => {
      const out = runContext(net, ids, states);
      out.trace.forEach((l, i) => {
        layers[i].h.push(...(onlyLast ? l.h.slice(-1) : l.h));
        layers[i].c.push(...(onlyLast ? l.c.slice(-1) : l.c));
      });
      tracedText += (onlyLast ? ids.slice(-1) : ids).map((id) => vocab.chars[id]).join('');
      return out;
    };
    // A window model is fed its last `window` characters from a zero state each time, as in
    // training; a sequence model carries its state and is fed one character at a time.
    let out = feed(window ? context.slice(-window) : context, false);
    for (let n = 0; n < length; n++) {
      const pick = chooseNext(out.logits, { mode: greedy ? 'greedy' : 'sample', temperature, topN }, random);
      const top = Array.from(pick.probs, (p, i) => ({ char: vocab.chars[i], p }))
        .sort((a, b) => b.p - a.p)
        .slice(0, 5);
      chars.push({ char: vocab.chars[pick.index], p: pick.probs[pick.index], top });
      context.push(pick.index);
      if (n === length - 1) break;
      if (window) {
        disposeStates(out.states);
        out = feed(context.slice(-window), true);
      } else {
        disposeStates(states);
        states = out.states;
        out = feed([pick.index], false);
      }
    }
    disposeStates(states);
    disposeStates(out.states);
    return { chars, trace: { text: tracedText, layers } };
  }

  function sampleNow(s: Session, prime: string): SampleLog {
    const safePrime = [...prime].filter((c) => s.corpus.vocab.index.has(c)).join('') || s.corpus.vocab.chars[0];
    const { chars } = generateWith(s.net, s.corpus.vocab, { prime: safePrime, length: 200, topN: 4, temperature: 1, seed: s.step });
    return { step: s.step, text: safePrime + chars.map((c) => c.char).join('') };
  }

  async function saveCheckpoint(s: Session) {
    await env.checkpoints.save(s.storageKey, s.net.model, {
      version: 1,
      step: s.step,
      seconds: s.seconds,
      history: s.history,
      samples: s.samples,
      config: s.config,
      vocabulary: s.corpus.vocab.chars,
      corpusName: s.corpus.info.name,
    });
  }

  function freshNet(config: CharLmConfig, vocabSize: number): CharNet {
    return charNetOf(buildModel(tf, charLmSpec(config, vocabSize)));
  }

  function modelInfo(net: CharNet, vocab: CharVocabulary, source: ModelInfo['source'], name: string): ModelInfo {
    return {
      source,
      name,
      vocabulary: vocab.chars,
      layers: net.lstms.map((l) => ({ units: l.units, recurrentActivation: l.recurrentActivation })),
      inputLayout: net.input,
      window: net.window,
    };
  }

  const handlers: Handlers<CharLmCalls> = {
    async load({ source, config, storageKey, resume }, progress) {
      const backend = await env.startBackend();
      const text = await textOf(source, progress);
      const corpus = corpusOf(source.kind === 'own' ? source.name : 'moby-dick', text);
      const layout = batchLayout(corpus.train.length, config.batchSize, config.numSteps, 'next');
      if (layout.numBatches === 0) throw new Error(`The text is too short for batches of ${config.batchSize} × ${config.numSteps} characters.`);
      if (session) {
        disposeStates(session.states);
        session.optimizer.dispose();
        session.net.model.dispose();
        session = null;
      }
      let saved = resume ? await env.checkpoints.load(storageKey) : null;
      if (saved && (!sameConfig(saved.meta.config, config) || saved.meta.corpusName !== corpus.info.name || saved.meta.vocabulary.join('') !== corpus.vocab.chars.join(''))) {
        saved.model.dispose();
        saved = null;
      }
      const net = saved ? charNetOf(saved.model) : freshNet(config, corpus.vocab.chars.length);
      session = {
        corpus,
        config,
        net,
        optimizer: tf.train.adam(config.learningRate),
        layout,
        states: null,
        step: saved?.meta.step ?? 0,
        seconds: saved?.meta.seconds ?? 0,
        history: saved?.meta.history ?? [],
        samples: saved?.meta.samples ?? [],
        resumed: Boolean(saved),
        backend,
        storageKey,
      };
      return status(session);
    },

    async train({ maxSteps, sampleEvery, evalEvery, checkpointEvery, prime }, progress) {
      const s = current();
      stopRequested = false;
      const target = s.step + maxSteps;
      let windowStart = performance.now();
      let windowChars = 0;
      let sinceSave = 0;
      while (!stopRequested && s.step < target) {
        const k = s.step % s.layout.numBatches;
        // Each pass over the text starts every row from a zero state, as the source's epochs do.
        if (k === 0 || !s.states) {
          disposeStates(s.states);
          s.states = zeroStates(tf, s.net, s.config.batchSize);
        }
        const started = performance.now();
        const { loss, states } = await trainStep(s.net, s.optimizer, s.config, s.corpus.train, s.layout, k, s.states);
        disposeStates(s.states);
        s.states = states;
        s.seconds += (performance.now() - started) / 1000;
        s.step++;
        sinceSave++;
        windowChars += s.config.batchSize * s.config.numSteps;
        const point: HistoryPoint = { step: s.step, loss, seconds: s.seconds };
        if (s.step % evalEvery === 0) point.valLoss = validationLoss(s);
        s.history.push(point);
        const sample = s.step % sampleEvery === 0 ? sampleNow(s, prime) : undefined;
        if (sample) s.samples = [...s.samples.slice(-19), sample];
        let checkpointed = false;
        if (s.step % checkpointEvery === 0) {
          await saveCheckpoint(s);
          sinceSave = 0;
          checkpointed = true;
        }
        const elapsed = (performance.now() - windowStart) / 1000;
        progress({ point, charsPerSecond: windowChars / Math.max(elapsed, 1e-6), sample, checkpointed });
        if (elapsed > 5) {
          windowStart = performance.now();
          windowChars = 0;
        }
        await env.yieldToMessages();
      }
      if (sinceSave > 0) await saveCheckpoint(s);
      return status(s);
    },

    generate(args) {
      const { net, vocab } = activeModel();
      return generateWith(net, vocab, args);
    },

    trace({ text }) {
      const { net, vocab } = activeModel();
      const clipped = text.slice(0, MAX_TRACE);
      const ids = encodePrime(clipped, vocab);
      if (ids.length === 0) return { text: '', layers: emptyTrace(net) };
      const states = zeroStates(tf, net, 1);
      const out = runContext(net, ids, states);
      disposeStates(states);
      disposeStates(out.states);
      return { text: clipped, layers: out.trace };
    },

    async clearCheckpoint({ storageKey }) {
      await env.checkpoints.clear(storageKey);
      return null;
    },

    async importModel(args) {
      await env.startBackend();
      const loaded = await importCharModel(tf, args);
      imported?.net.model.dispose();
      imported = { net: loaded.net, vocab: vocabularyOf(loaded.vocabulary), name: 'imported' };
      useImported = true;
      return modelInfo(imported.net, imported.vocab, 'imported', imported.name);
    },

    forPython({ prime }) {
      const { net, vocab } = activeModel();
      const trained = !useImported || !imported;
      // Our own model's spec is the one it was built from; an imported one is read back from its layers.
      const spec = trained ? charLmSpec(current().config, vocab.chars.length) : specFromModel(net.model as never);
      const text = net.window ? prime.repeat(net.window).slice(-net.window) : prime;
      const ids = encodePrime(text, vocab);
      const V = vocab.chars.length;
      const input =
        net.input === 'one-hot'
          ? { values: Float32Array.from(ids.flatMap((id) => Array.from({ length: V }, (_, k) => (k === id ? 1 : 0)))), shape: [1, ids.length, V] }
          : { values: Float32Array.from(ids), shape: [1, ids.length] };
      const read = readModelForPython(tf, net.model as never, input);
      return { spec, vocabulary: vocab.chars, text, trained, step: trained ? current().step : 0, ...read };
    },

    useTrained() {
      useImported = false;
      return session ? modelInfo(session.net, session.corpus.vocab, 'trained', session.corpus.info.name) : null;
    },

    async compareWithFit({ batches }) {
      const s = current();
      const { config } = s;
      const V = s.corpus.vocab.chars.length;
      const chars = batches * config.batchSize * config.numSteps;
      const warmup = 2;
      // Our loop, on a scratch copy so the reader's model is not disturbed.
      const scratch = freshNet(config, V);
      const optimizer = tf.train.adam(config.learningRate);
      let states = zeroStates(tf, scratch, config.batchSize);
      let loopSeconds = 0;
      for (let k = 0; k < warmup + batches; k++) {
        const t0 = performance.now();
        const r = await trainStep(scratch, optimizer, config, s.corpus.train, s.layout, k % s.layout.numBatches, states);
        if (k >= warmup) loopSeconds += (performance.now() - t0) / 1000;
        disposeStates(states);
        states = r.states;
      }
      disposeStates(states);
      optimizer.dispose();
      scratch.model.dispose();

      // model.fit on a second scratch copy of the same architecture, the same batches, one-hot.
      const model = buildModel(tf, charLmSpec(config, V));
      model.compile({ optimizer: tf.train.adam(config.learningRate), loss: 'categoricalCrossentropy' });
      const fitOn = async (from: number, count: number) => {
        const xs: Int32Array[] = [];
        const ys: Int32Array[] = [];
        for (let k = from; k < from + count; k++) {
          const b = charBatch(s.corpus.train, s.layout, k % s.layout.numBatches, 'next');
          xs.push(...b.x);
          ys.push(...b.y);
        }
        const ids = (rows: Int32Array[]) => tf.tensor2d(Int32Array.from(rows.flatMap((r) => Array.from(r))), [rows.length, config.numSteps], 'int32');
        const [xi, yi] = [ids(xs), ids(ys)];
        const [x, y] = [tf.oneHot(xi, V), tf.oneHot(yi, V)];
        const t0 = performance.now();
        await model.fit(x, y, { batchSize: config.batchSize, epochs: 1, shuffle: false, verbose: 0 });
        const seconds = (performance.now() - t0) / 1000;
        tf.dispose([xi, yi, x, y]);
        return seconds;
      };
      await fitOn(0, warmup);
      const fitSeconds = await fitOn(warmup, batches);
      model.dispose();
      return { loopCharsPerSecond: chars / loopSeconds, fitCharsPerSecond: chars / fitSeconds, batches };
    },
  };

  async function textOf(source: TextSource, progress: (p: { loaded: number; total: number }) => void): Promise<string> {
    if (source.kind === 'own') return source.text;
    return env.fetchText(source.url, (loaded, total) => progress({ loaded, total }));
  }

  return {
    handlers,
    cancel: () => {
      stopRequested = true;
    },
  };
}
