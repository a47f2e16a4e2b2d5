/**
 * Data-parallel training on the book's kernel. Each batch is cut into shards of whole examples
 * (src/engine/train/shards.ts); this worker computes the gradient of the first shard while helper
 * threads (kernelShard.ts) compute the others at the same time; the shards' gradients, weighted
 * by their share of the batch, make the batch's gradient, and one Adam step follows here, so the
 * weights and Adam's state live in one place. It is the single-thread kernel's step up to float
 * rounding (the sum is taken in another order). Dropout masks are drawn per shard from a stream
 * seeded by the step, so a resumed run draws the masks the unbroken one would.
 *
 * Whether it pays depends on the machine and the model: every step copies the weights out to the
 * helpers and their gradients back. So the probe times it beside the single-thread kernel and
 * tfjs, and it trains only when it measured fastest.
 */
import type { ModelSpec } from '../../engine/spec';
import { type KernelStates, combineGradients, shardDropoutState, shardSizes, splitBatch } from '../../engine/train';
import type { RpcClient } from '../workerRpc';
import { type EngineSettings, createKernelEngine } from './kernelEngine';
import type { ShardCalls, ShardStep } from './shardCalls';
import type { Batch, StepOutcome, TrainingEngine } from './types';

/** Starts one helper thread. */
export type ShardSpawner = () => RpcClient<ShardCalls>;

export interface ParallelOptions {
  /** Threads in all, this one included (at least 2). */
  threads: number;
  spawn: ShardSpawner;
  wasm?: WebAssembly.Module;
}

type StartFrom = ShardStep['states'];

/** Rows [from, from + count) of every layer's state. */
function rowsOf(states: KernelStates, from: number, count: number): KernelStates {
  return {
    batch: count,
    layers: states.layers.map(({ h, c }) => {
      const units = h.length / states.batch;
      const cut = (a: Float32Array) => a.slice(from * units, (from + count) * units);
      return c ? { h: cut(h), c: cut(c) } : { h: cut(h) };
    }),
  };
}

/** The shards' states put back in batch order. */
function joinRows(parts: KernelStates[]): KernelStates {
  const batch = parts.reduce((n, p) => n + p.batch, 0);
  const join = (arrays: Float32Array[]) => {
    const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
    let at = 0;
    for (const a of arrays) {
      out.set(a, at);
      at += a.length;
    }
    return out;
  };
  return {
    batch,
    layers: parts[0].layers.map((layer, i) => {
      const h = join(parts.map((p) => p.layers[i].h));
      return layer.c ? { h, c: join(parts.map((p) => p.layers[i].c!)) } : { h };
    }),
  };
}

export async function createParallelKernelEngine(spec: ModelSpec, settings: EngineSettings, { threads, spawn, wasm }: ParallelOptions): Promise<TrainingEngine> {
  if (threads < 2) throw new Error('A data-parallel engine needs at least two threads.');
  const main = createKernelEngine(spec, settings, wasm);
  const { trainer } = main;
  const stateful = settings.stateful === true;
  const seed = settings.seed ?? 1;
  const helpers = Array.from({ length: threads - 1 }, spawn);
  try {
    await Promise.all(helpers.map((h) => h.call('open', { spec, loss: settings.loss, stateful, wasm: wasm ?? null })));
  } catch (error) {
    for (const h of helpers) h.dispose();
    throw error;
  }
  /** Adam steps taken so far: which dropout stream each shard draws from. */
  let iteration = trainer.getOptimizerState().iterations;
  /** Per helper: what its next step starts from, and a copy of the states it carries. */
  let startFrom: StartFrom[] = helpers.map(() => 'zeros');
  let carried: (KernelStates | null)[] = helpers.map(() => null);
  let sums: Float32Array[] | null = null;

  function resetStates(): void {
    trainer.resetStates();
    carried = helpers.map(() => null);
    startFrom = helpers.map(() => 'zeros');
  }

  return {
    name: 'kernel-parallel',

    async trainBatch(batch: Batch): Promise<StepOutcome> {
      const shards = splitBatch(batch.x, batch.y, threads);
      // A batch smaller than the threads (a short last batch) is not worth cutting.
      if (shards.length < threads && !stateful) {
        const outcome = await main.trainBatch(batch);
        // The single-thread step moved Adam on too (if it applied): the next shards draw the next streams.
        iteration = trainer.getOptimizerState().iterations;
        return outcome;
      }
      if (shards.length < threads) throw new Error(`A stateful data-parallel run needs batches of at least ${threads} rows.`);
      const weights = trainer.getWeights().map((w) => w.values);
      // Each helper gets copies of just its shard (slices), not views on the whole batch.
      const replies = helpers.map((h, i) => {
        const { x, y } = shards[i + 1];
        return h.call('step', {
          weights,
          x: x.kind === 'ids' ? { ...x, ids: x.ids.slice() } : { ...x, values: x.values.slice() },
          y: y.kind === 'classes' ? { kind: 'classes', classes: y.classes.slice() } : { kind: 'values', values: y.values.slice() },
          dropoutState: shardDropoutState(seed, iteration, i + 1),
          states: startFrom[i],
        });
      });
      trainer.setDropoutState(shardDropoutState(seed, iteration, 0));
      const own = trainer.computeGradients(shards[0].x, shards[0].y);
      const others = await Promise.all(replies);

      const parts = [{ weight: shards[0].weight, gradients: own.gradients.map((g) => g.values), loss: own.loss, accuracy: own.accuracy }, ...others.map((o, i) => ({ ...o, weight: shards[i + 1].weight }))];
      sums ??= own.gradients.map((g) => new Float32Array(g.values.length));
      combineGradients(parts, sums);
      const loss = parts.reduce((s, p) => s + p.weight * p.loss, 0);
      const accuracy = parts.reduce((s, p) => s + p.weight * p.accuracy, 0);
      const finite = Number.isFinite(loss) && trainer.applyGradients(sums).finite;
      if (finite) {
        iteration += 1;
        if (stateful) {
          trainer.keepFinalStates(shards[0].examples);
          carried = others.map((o) => o.finalStates);
          startFrom = helpers.map(() => 'carry');
        }
      } else if (stateful) {
        // The helpers moved on to states this unapplied step reached: send them back to the kept ones.
        startFrom = carried.map((s) => s ?? 'zeros');
      }
      return { loss, accuracy, finite };
    },

    evaluate: (batch) => main.evaluate(batch),
    getWeights: () => main.getWeights(),
    setWeights: (weights) => main.setWeights(weights),
    getOptimizerState: () => main.getOptimizerState(),
    setOptimizerState(state) {
      main.setOptimizerState(state);
      iteration = state.iterations;
    },
    setLearningRate: (lr) => main.setLearningRate(lr),

    getStates() {
      const own = trainer.getStates();
      if (!own || carried.some((s) => s === null)) return null;
      return joinRows([own, ...(carried as KernelStates[])]);
    },
    setStates(states) {
      if (!states) {
        resetStates();
        return;
      }
      // The rows each shard carries: the same cut splitBatch makes of a batch this size.
      const sizes = shardSizes(states.batch, threads);
      const starts = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
      trainer.setStates(rowsOf(states, 0, sizes[0]));
      carried = helpers.map((_, i) => rowsOf(states, starts[i + 1], sizes[i + 1]));
      startFrom = carried.map((s) => s!);
    },
    resetStates,
    dispose() {
      for (const h of helpers) h.dispose();
      main.dispose();
    },
  };
}
