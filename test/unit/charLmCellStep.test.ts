/**
 * The cell diagram of chapter 17 draws one step of the trained model's first LSTM layer, computed
 * by the engine's cell from the states the kernel's forward reached: that step must be the step
 * the kernel itself took (its h and c are the unit heatmap's numbers), for a one-hot model, an
 * Embedding model and a fixed-window (imported Keras) model.
 */
import { describe, expect, it } from 'vitest';
import { vocabularyOf } from '../../src/engine/charBatches';
import type { ModelSpec } from '../../src/engine/spec';
import { createKernelTrainer } from '../../src/engine/train';
import { charModelOf, firstLayerStep, traceText } from '../../src/tf/charLmInference';

const CHARS = [...'\n abcdeh.「」。'];
const V = CHARS.length;
const TEXT = '「abc。」\nhe ad.';

function model(embedded: boolean, window: number | null = null) {
  const spec: ModelSpec = {
    inputShape: embedded ? [null] : [null, V],
    layers: [
      ...(embedded ? [{ kind: 'embedding' as const, name: 'embedding', inputDim: V, outputDim: 5 }] : []),
      { kind: 'lstm', name: 'lstm_1', units: 6, returnSequences: true, unitForgetBias: true },
      { kind: 'lstm', name: 'lstm_2', units: 4, returnSequences: true },
      { kind: 'dense', name: 'next_char', units: V, activation: 'softmax' },
    ],
  };
  // Larger than the starting draw, so the gates move well away from 0.5.
  const weights = createKernelTrainer(spec, { seed: 3, optimizer: { learningRate: 0 } })
    .getWeights()
    .map((w) => ({ ...w, values: w.values.map((v) => v * 3) }));
  return charModelOf(spec, weights, vocabularyOf(CHARS), window);
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));

describe('firstLayerStep', () => {
  for (const [name, embedded, window] of [
    ['one-hot', false, null],
    ['embedding', true, null],
    ['one-hot window of 4', false, 4],
  ] as const) {
    it(`${name}: every character's step is the kernel's own (h and c as the heatmap has them)`, () => {
      const m = model(embedded, window);
      const trace = traceText(m, TEXT);
      for (let t = 0; t < [...TEXT].length; t++) {
        const cell = firstLayerStep(m, TEXT, t)!;
        expect(cell.at).toBe(t);
        expect(cell.char).toBe([...TEXT][t]);
        close(cell.step.h, trace.layers[0].h[t]);
        close(cell.step.c!, trace.layers[0].c[t]);
      }
    });
  }

  it('x is the character’s one-hot row, or its embedding; the step carries every gate', () => {
    const oneHot = firstLayerStep(model(false), TEXT, 3)!;
    expect(oneHot.input).toBe('one-hot');
    expect(Array.from(oneHot.step.x)).toEqual(CHARS.map((_, k) => (k === oneHot.id ? 1 : 0)));
    expect(oneHot.step.act).toHaveLength(4);
    expect(oneHot.step.kept).toHaveLength(6);
    const embedded = firstLayerStep(model(true), TEXT, 3)!;
    expect(embedded.input).toBe('embedding');
    expect(embedded.step.x).toHaveLength(5);
  });

  it('an index past the text is clamped to its last character; an empty text gives null', () => {
    const m = model(false);
    expect(firstLayerStep(m, 'ab', 99)!.at).toBe(1);
    expect(firstLayerStep(m, '', 0)).toBeNull();
  });
});
