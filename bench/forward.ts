/**
 * engine_vs_tfjs_forward_ratio(_wasm): one SimpleRNN forward pass (20 steps, 64 units,
 * 32 features, batch 1) by the book's engine against tfjs `predict` on the same weights, in node.
 * The engine side is the training kernel's predict (src/engine/train, WebAssembly SIMD products,
 * arrays planned once); the chapters' step-by-step traced forward (src/engine/simpleRnn.ts),
 * which keeps every intermediate value for display, is printed as a note.
 * Both are warmed up, then timed in interleaved rounds (alternating which goes first); the figure
 * is median engine time / median tfjs time, so below 1 means the engine is faster.
 */
import { readFileSync } from 'node:fs';
import { createKernelTrainer } from '../src/engine/train';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { seededRandom, uniformArray } from '../src/engine/random';
import { simpleRnnForward } from '../src/engine/simpleRnn';
import type { ModelSpec } from '../src/engine/spec';
import { ModelSession } from '../src/tf/modelSession';
import type { NamedWeight, Tf } from '../src/tf/types';
import { simpleRnnWeightsOf } from '../src/tf/weights';
import { cpuTf } from '../test/parity/tfjs';
import { type Bench, type BenchContext, type Outcome, median, oneLine } from './figure';

const STEPS = 20;
const UNITS = 64;
const FEATURES = 32;
const WARMUP_CALLS = 200;
const ROUNDS = 20;
const CALLS_PER_ROUND = 50;

const spec: ModelSpec = { inputShape: [STEPS, FEATURES], layers: [{ kind: 'simpleRNN', name: 'rnn', units: UNITS }] };

type Forward = () => unknown;

/** ms per call of each contender: median over rounds, each round CALLS_PER_ROUND calls of each. */
function race(a: Forward, b: Forward): [number, number] {
  for (let i = 0; i < WARMUP_CALLS; i++) {
    a();
    b();
  }
  const timeOf = (f: Forward): number => {
    const start = performance.now();
    for (let i = 0; i < CALLS_PER_ROUND; i++) f();
    return (performance.now() - start) / CALLS_PER_ROUND;
  };
  const ta: number[] = [];
  const tb: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      ta.push(timeOf(a));
      tb.push(timeOf(b));
    } else {
      tb.push(timeOf(b));
      ta.push(timeOf(a));
    }
  }
  return [median(ta), median(tb)];
}

/** A session on the current backend holding the shared weights, and its forward call. */
function tfForward(tf: Tf, weights: NamedWeight[] | null, x: Float32Array): { weights: NamedWeight[]; forward: Forward; dispose(): void } {
  const session = new ModelSession(tf);
  const built = session.build(spec);
  const shared = weights ?? randomised(built.weights);
  session.setWeights(shared);
  return { weights: shared, forward: () => session.predict(x, [1, STEPS, FEATURES]), dispose: () => session.dispose() };
}

function randomised(weights: NamedWeight[]): NamedWeight[] {
  const random = seededRandom(2024);
  return weights.map((w) => ({ ...w, values: uniformArray(w.values.length, 0.3, random) }));
}

function compare(name: string, backend: string, engine: Forward, tfjs: Forward, note: BenchContext['note']): Outcome {
  const [engineMs, tfjsMs] = race(engine, tfjs);
  note(`${name}: engine ${engineMs.toFixed(4)} ms, tfjs ${backend} predict ${tfjsMs.toFixed(4)} ms (median per forward, ${ROUNDS} rounds × ${CALLS_PER_ROUND} calls)`);
  return { name, value: engineMs / tfjsMs, unit: 'x', digits: 3 };
}

/** The wasm backend in node, reading its .wasm files from node_modules. */
export async function startWasm(tf: Tf): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  const distDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths(join(distDir, '/'));
  if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") returned false');
  await tf.ready();
}

export const forward: Bench = {
  figures: ['engine_vs_tfjs_forward_ratio', 'engine_vs_tfjs_forward_ratio_wasm'],
  async run({ note }) {
    const tf = await cpuTf();
    const random = seededRandom(7);
    const xs = Array.from({ length: STEPS }, () => uniformArray(FEATURES, 1, random));
    const flat = Float32Array.from(xs.flatMap((x) => Array.from(x)));

    const cpu = tfForward(tf, null, flat);
    const engineWeights = simpleRnnWeightsOf(cpu.weights, 'rnn');
    const traced: Forward = () => simpleRnnForward(xs, engineWeights);
    const wasm = new WebAssembly.Module(readFileSync(join(import.meta.dirname, '../public/generated/training-kernels.wasm')));
    const kernel = createKernelTrainer(spec, { optimizer: { learningRate: 0.001 }, weights: cpu.weights, wasm });
    const batch = { kind: 'values', values: flat, batch: 1, steps: STEPS, features: FEATURES } as const;
    const engine: Forward = () => kernel.predict(batch);
    const [tracedMs, kernelMs] = race(traced, engine);
    note(`engine forward: training kernel predict ${kernelMs.toFixed(4)} ms, the chapters' traced simpleRnnForward ${tracedMs.toFixed(4)} ms`);
    const results: Outcome[] = [compare('engine_vs_tfjs_forward_ratio', 'cpu', engine, cpu.forward, note)];
    cpu.dispose();

    try {
      await startWasm(tf);
      const onWasm = tfForward(tf, cpu.weights, flat);
      results.push(compare('engine_vs_tfjs_forward_ratio_wasm', 'wasm', engine, onWasm.forward, note));
      onWasm.dispose();
    } catch (error) {
      results.push({ name: 'engine_vs_tfjs_forward_ratio_wasm', unavailable: `tfjs wasm backend did not start in node: ${oneLine(String(error))}` });
    } finally {
      await tf.setBackend('cpu');
    }
    return results;
  },
};
