/**
 * Choosing where training runs, by measurement. The probe (about a second) times one training
 * step of the actual model and batch on our kernel and on each tfjs backend this browser has —
 * wasm, webgl, webgpu — and the fastest trains, unless the reader picked one. On this book's
 * 2-core test machine without a GPU the kernel wins; on a laptop with a real GPU, webgl or
 * webgpu may, for large models. The timings are shown to the reader with the choice.
 */
import type { ModelSpec } from '../../engine/spec';
import { kernelCannotTrain } from '../../engine/train';
import type { Tf } from '../types';
import { createKernelEngine } from './kernelEngine';
import { createParallelKernelEngine } from './parallelEngine';
import { spawnShardWorker } from './shardWorker';
import { type TfjsEngineSettings, createTfjsEngine } from './tfjsEngine';
import type { Batch, EngineName, EnginePreference, EngineReport, EngineTiming, EngineUnavailable, TrainingEngine } from './types';
import { BookError, errorMessage } from '../../engine/errors';

type TfjsEngineName = Exclude<EngineName, 'kernel' | 'kernel-parallel'>;

const TFJS_BACKENDS: Record<TfjsEngineName, string> = { 'tfjs-wasm': 'wasm', 'tfjs-webgl': 'webgl', 'tfjs-webgpu': 'webgpu', 'tfjs-cpu': 'cpu' };

/** How long the reader's "Measure again" times the engines, in all: a steadier median per engine than the first probe's second. */
export const MEASURE_SECONDS = 4;

/** The candidates the probe times; tfjs' cpu backend is left out (always slowest), but a reader may still choose it. */
export const PROBED: EngineName[] = ['kernel', 'kernel-parallel', 'tfjs-wasm', 'tfjs-webgl', 'tfjs-webgpu'];

/** At most this many threads share a batch: past it, the copies of weights and gradients outgrow the gain on the book's models. */
const MAX_THREADS = 4;

/** The data-parallel kernel's threads here, or why it cannot run (no workers in this scope, one core). */
function parallelSetup(): { threads: number } | EngineUnavailable {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  if (typeof Worker === 'undefined') return 'notInBrowser';
  if (cores < 2) return 'oneCore';
  return { threads: Math.min(cores, MAX_THREADS) };
}

let webgpuReady: Promise<EngineUnavailable | null> | null = null;

interface GpuAdapter {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean };
}

/**
 * Registers tfjs' webgpu backend when this browser gives a hardware adapter; otherwise why not.
 * A fallback adapter is the CPU pretending to be a GPU (SwiftShader): never faster than the
 * kernel, and on this book's test machine it lost its buffers after a step or two and then never
 * answered, so it is not timed at all.
 */
function ensureWebgpu(): Promise<EngineUnavailable | null> {
  webgpuReady ??= (async () => {
    const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapter | null> } } | undefined)?.gpu;
    if (!gpu) return 'noWebgpu';
    try {
      const adapter = (await gpu.requestAdapter()) as GpuAdapter | null;
      if (!adapter) return 'noAdapter';
      if (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter) return 'softwareAdapter';
      await import('@tensorflow/tfjs-backend-webgpu');
      return null;
    } catch {
      return 'webgpuFailed';
    }
  })();
  return webgpuReady;
}

/** Makes `engine` tfjs' active backend; null when it started, else why not. */
async function activate(tf: Tf, engine: TfjsEngineName): Promise<EngineUnavailable | null> {
  const backend = TFJS_BACKENDS[engine];
  if (backend === 'webgpu') {
    const why = await ensureWebgpu();
    if (why) return why;
  }
  if (!tf.findBackendFactory(backend)) return 'notInBrowser';
  try {
    if (!(await tf.setBackend(backend))) return 'failedToStart';
    await tf.ready();
    return null;
  } catch {
    return 'failedToStart';
  }
}

export interface EngineSubject {
  spec: ModelSpec;
  settings: TfjsEngineSettings;
}

/** Creates the engine; for tfjs ones, switches tfjs to that backend first. */
export async function createEngine(tf: Tf, name: EngineName, subject: EngineSubject, wasm?: WebAssembly.Module): Promise<TrainingEngine> {
  if (name === 'kernel') return createKernelEngine(subject.spec, subject.settings, wasm);
  if (name === 'kernel-parallel') {
    const setup = parallelSetup();
    if (typeof setup === 'string') throw new BookError('train.engineUnavailable', `${name} is not available here (${setup})`, { engine: name, reason: setup });
    return createParallelKernelEngine(subject.spec, subject.settings, { threads: setup.threads, spawn: spawnShardWorker, wasm });
  }
  const why = await activate(tf, name);
  if (why) throw new BookError('train.engineUnavailable', `${name} is not available here (${why})`, { engine: name, reason: why });
  return createTfjsEngine(tf, subject.spec, subject.settings);
}

/** Why an engine cannot train this model at all (the kernel's limits), or null. */
export function cannotTrain(name: EngineName, spec: ModelSpec): string | null {
  if (name !== 'kernel' && name !== 'kernel-parallel') return null;
  const problems = kernelCannotTrain(spec);
  return problems.length ? problems.join(' ') : null;
}

const now = () => performance.now();

/** A step that has not finished after this long is taken as a backend that stopped answering. */
const STEP_TIMEOUT_MS = 120_000;

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** One step, timed until its work is done; a step whose loss is not a number does not count as a time. */
async function timedStep(engine: TrainingEngine, batch: Batch): Promise<number> {
  const t0 = now();
  const out = await withTimeout(
    (async () => {
      const step = await engine.trainBatch(batch);
      await engine.settle?.();
      return step;
    })(),
    STEP_TIMEOUT_MS,
    `a ${engine.name} step`,
  );
  const ms = now() - t0;
  if (!out.finite || !Number.isFinite(out.loss)) throw new Error(`${engine.name} gave a loss of ${out.loss}`);
  return ms;
}

async function timeEngine(engine: TrainingEngine, batch: Batch, budgetMs: number): Promise<number> {
  // The first step compiles shaders, plans buffers and warms caches: not counted.
  await timedStep(engine, batch);
  const times: number[] = [];
  const started = now();
  // At least one timed step, however slow; more while the budget lasts.
  while (times.length < 1 || (now() - started < budgetMs && times.length < 20)) {
    times.push(await timedStep(engine, batch));
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/**
 * Times one training step of this model on every candidate, about `budgetMs` in all (plus each
 * engine's untimed first step). tfjs is left on the backend it was on.
 */
export async function probeEngines(tf: Tf, subject: EngineSubject, batch: Batch, { wasm, budgetMs = 1000, candidates = PROBED }: { wasm?: WebAssembly.Module; budgetMs?: number; candidates?: EngineName[] } = {}): Promise<EngineTiming[]> {
  const before = tf.getBackend();
  const timings: EngineTiming[] = [];
  const each = budgetMs / candidates.length;
  for (const name of candidates) {
    const refused = cannotTrain(name, subject.spec);
    if (refused) {
      timings.push({ engine: name, msPerStep: null, reason: 'cannotTrain', note: refused });
      continue;
    }
    let engine: TrainingEngine | null = null;
    try {
      engine = await createEngine(tf, name, subject, wasm);
      timings.push({ engine: name, msPerStep: await timeEngine(engine, batch, each) });
    } catch (error) {
      const unavailable = error instanceof BookError && error.code === 'train.engineUnavailable';
      timings.push({ engine: name, msPerStep: null, reason: unavailable ? (error.params.reason as EngineUnavailable) : 'failed', note: errorMessage(error) });
    } finally {
      engine?.dispose();
    }
  }
  if (before && tf.getBackend() !== before) await tf.setBackend(before);
  return timings.sort((a, b) => (a.msPerStep ?? Infinity) - (b.msPerStep ?? Infinity));
}

/** The tfjs backend ("wasm", "webgl", …) of the fastest tfjs engine measured, if any ran: our kernels are no tfjs backend. */
export function fastestTfjsBackend(timings: readonly EngineTiming[]): string | null {
  const fastest = [...timings].sort((a, b) => (a.msPerStep ?? Infinity) - (b.msPerStep ?? Infinity)).find((t) => t.msPerStep !== null && t.engine in TFJS_BACKENDS);
  return fastest ? TFJS_BACKENDS[fastest.engine as TfjsEngineName] : null;
}

/** The reader's choice when it can run, else the fastest measured. */
export function chooseEngine(timings: EngineTiming[], preference: EnginePreference): EngineReport {
  if (preference !== 'auto') {
    // A choice the probe found unable to run falls back to the fastest; an unprobed one (tfjs cpu) is trusted.
    const measured = timings.find((t) => t.engine === preference);
    if (!measured || measured.msPerStep !== null) return { engine: preference, chosenBy: 'reader', timings };
  }
  const fastest = timings.find((t) => t.msPerStep !== null);
  if (!fastest) {
    const detail = timings.map((t) => `${t.engine} ${t.note ?? ''}`).join('; ');
    throw new BookError('train.noEngine', `No engine here can train this model: ${detail}`, { detail });
  }
  return { engine: fastest.engine, chosenBy: timings.filter((t) => t.msPerStep !== null).length > 1 ? 'probe' : 'only', timings };
}
