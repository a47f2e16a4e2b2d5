/**
 * One helper thread of a data-parallel kernel step (shardCalls.ts): a kernel trainer of the
 * model that computes the gradient of the shard it is sent, from the weights it is sent. It takes
 * no Adam step of its own. Plain handlers, so tests run them in-process.
 */
import { type KernelTrainer, type KernelWeight, createKernelTrainer } from '../../engine/train';
import type { ShardCalls } from './shardCalls';
import type { Handlers } from '../workerRpc';

export function createShardHandlers(): Handlers<ShardCalls> {
  let trainer: KernelTrainer | null = null;
  let stateful = false;
  /** Names and shapes of the weights, in order (the values come with every step). */
  let layout: Omit<KernelWeight, 'values'>[] = [];

  const current = (): KernelTrainer => {
    if (!trainer) throw new Error('The kernel shard was not opened.');
    return trainer;
  };

  return {
    open({ spec, loss, stateful: carry, wasm }) {
      // The learning rate is never used here: this trainer only computes gradients.
      trainer = createKernelTrainer(spec, { optimizer: { learningRate: 0 }, loss, stateful: carry, wasm: wasm ?? undefined });
      stateful = carry;
      layout = trainer.getWeights().map(({ name, shape }) => ({ name, shape }));
      return null;
    },

    step({ weights, x, y, dropoutState, states }) {
      const t = current();
      if (stateful && states !== 'carry') {
        if (states === 'zeros') t.resetStates();
        else t.setStates(states);
      }
      t.setWeights(layout.map((w, i) => ({ ...w, values: weights[i] })));
      t.setDropoutState(dropoutState);
      const { loss, accuracy, gradients } = t.computeGradients(x, y);
      // A stateful shard carries its rows' final states into its next step at once; the training
      // worker keeps a copy and sends it back instead of 'carry' when this step was not applied.
      if (stateful) t.keepFinalStates(x.batch);
      return { loss, accuracy, gradients: gradients.map((g) => g.values), finalStates: stateful ? t.getStates() : null };
    },
  };
}
