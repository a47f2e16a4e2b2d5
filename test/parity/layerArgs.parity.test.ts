/**
 * Every setting of the layer playground that changes a shape or a count, built in real tfjs (cpu)
 * and compared with the engine layer by layer. Settings the playground flags as refused must
 * really fail in tfjs, and settings it builds must really build: the flag list is measured here,
 * not assumed. Models that need the functional API must really be refused by tf.sequential().
 */
import { describe, expect, it } from 'vitest';
import { describeModel } from '../../src/engine/paramCount';
import { needsFunctionalApi } from '../../src/engine/functionalGraph';
import { buildModel } from '../../src/tf/buildModel';
import { inspectFunctional } from '../../src/tf/buildFunctional';
import { compareRows, shapesToString } from '../../src/widgets/layerArgs/compare';
import {
  ACTIVATIONS,
  BIDI_CHOICES,
  CELLS,
  DEFAULT_CONFIG,
  INITIALIZERS,
  type LayerArgsConfig,
  configProblems,
  configToSpec,
} from '../../src/engine/layerArgsConfig';
import { cpuTf } from './tfjs';

const tf = await cpuTf();

const SMALL: LayerArgsConfig = {
  ...DEFAULT_CONFIG,
  units: 3,
  features: 2,
  headUnits: 2,
  // Initializers change no shape or count; glorot keeps the thousands of builds quick on cpu.
  recurrentInitializer: 'glorotUniform',
};

const bools = [false, true] as const;

/** Builds the config in tfjs and lists every way it disagrees with the engine (empty = agrees). */
function disagreements(config: LayerArgsConfig): string[] {
  const spec = configToSpec(config);
  const label = JSON.stringify(config);
  const problems = configProblems(config);
  if (problems.length > 0) {
    try {
      inspectFunctional(tf, spec);
      return [`${label}: flagged (${problems.map((p) => p.arg).join(', ')}) but tfjs built it`];
    } catch {
      return [];
    }
  }
  let report;
  try {
    report = inspectFunctional(tf, spec);
  } catch (error) {
    return [`${label}: not flagged but tfjs refused: ${(error as Error).message.split('\n')[0]}`];
  }
  const mine = describeModel(spec);
  const out: string[] = [];
  for (const row of compareRows(mine.rows, report.layers)) {
    if (!row.agrees) {
      out.push(
        `${label}: ${row.ours.name} ours ${row.ours.params} ${shapesToString(row.ours.outputShapes)} vs tfjs ${row.theirs?.params} ${row.theirs ? shapesToString(row.theirs.outputShapes) : '-'}`,
      );
    }
  }
  if (report.layers.length !== mine.rows.length) out.push(`${label}: ${report.layers.length} tfjs layers vs ${mine.rows.length}`);
  if (report.totalParams !== mine.totalParams) out.push(`${label}: total ${mine.totalParams} vs tfjs ${report.totalParams}`);
  // The Sequential builder must refuse exactly the multi-output models, and agree on the rest.
  if (needsFunctionalApi(spec)) {
    try {
      buildModel(tf, spec).dispose();
      out.push(`${label}: needs the functional API, yet tf.sequential() built it`);
    } catch (error) {
      if (!/single output tensor/.test((error as Error).message)) out.push(`${label}: Sequential refused for another reason: ${(error as Error).message}`);
    }
  } else {
    const seq = buildModel(tf, spec);
    const counts = seq.layers.map((l) => l.countParams());
    seq.dispose();
    if (JSON.stringify(counts) !== JSON.stringify(mine.rows.map((r) => r.params))) out.push(`${label}: Sequential counts ${counts}`);
  }
  return out;
}

describe('every shape- or count-changing combination of the playground agrees with tfjs', () => {
  for (const cell of CELLS) {
    for (const layers of [1, 2, 3]) {
      it(`${cell}, ${layers} stacked: return_sequences × return_state × go_backwards × Bidirectional merge × use_bias × Dense head${cell === 'gru' ? ' × reset_after' : ''}`, () => {
        const failures: string[] = [];
        let built = 0;
        for (const returnSequences of bools)
          for (const returnState of bools)
            for (const goBackwards of bools)
              for (const bidirectional of BIDI_CHOICES)
                for (const useBias of bools)
                  for (const denseHead of bools)
                    for (const resetAfter of cell === 'gru' ? bools : [false]) {
                      // Lengths, known or not, and the head's width vary along the way too.
                      const timesteps = (built++ % 2 === 0 ? null : 4) as number | null;
                      failures.push(
                        ...disagreements({ ...SMALL, cell, layers, returnSequences, returnState, goBackwards, bidirectional, useBias, denseHead, resetAfter, timesteps }),
                      );
                    }
        expect(built).toBe(2 * 2 * 2 * BIDI_CHOICES.length * 2 * 2 * (cell === 'gru' ? 2 : 1));
        expect(failures).toEqual([]);
      });
    }
  }

  it('stateful × fixed batch × Bidirectional × return_state: batch axis and refusals', () => {
    const failures: string[] = [];
    for (const cell of CELLS)
      for (const stateful of bools)
        for (const batchSize of [null, 3])
          for (const bidirectional of ['off', 'concat', 'none'] as const)
            for (const returnState of bools) failures.push(...disagreements({ ...SMALL, cell, stateful, batchSize, bidirectional, returnState }));
    expect(failures).toEqual([]);
    const rows = describeModel(configToSpec({ ...SMALL, stateful: true, batchSize: 3, returnSequences: true, timesteps: 5 })).rows;
    expect(shapesToString(rows[0].outputShapes)).toBe('(3, 5, 3)');
  });

  it('activations, initializers and dropout change nothing the summary shows', () => {
    const failures: string[] = [];
    for (const cell of CELLS) {
      for (const activation of ACTIVATIONS) failures.push(...disagreements({ ...SMALL, cell, activation, recurrentActivation: activation }));
      for (const kernelInitializer of INITIALIZERS)
        failures.push(...disagreements({ ...SMALL, cell, kernelInitializer, recurrentInitializer: kernelInitializer }));
      failures.push(...disagreements({ ...SMALL, cell, dropout: 0.3, recurrentDropout: 0.5, layers: 2, bidirectional: 'sum' }));
    }
    expect(failures).toEqual([]);
  });
});

describe('the refusals are tfjs own', () => {
  it("tfjs' GRU itself throws on reset_after=True; the playground flags it", () => {
    expect(() => tf.layers.gru({ units: 3, resetAfter: true } as never)).toThrow(/reset_after/);
    expect(configProblems({ ...SMALL, cell: 'gru', resetAfter: true }).map((p) => p.arg)).toEqual(['reset_after=True']);
  });

  it('tfjs itself throws on a stateful layer without a batch size, functional or Sequential', () => {
    const spec = configToSpec({ ...SMALL, stateful: true });
    expect(() => inspectFunctional(tf, spec)).toThrow(/needs to know its batch size/);
    expect(() => buildModel(tf, spec)).toThrow(/needs to know its batch size/);
    expect(configProblems({ ...SMALL, stateful: true }).map((p) => p.scope)).toEqual(['both']);
  });

  it('dropout and recurrent_dropout are really applied by tfjs in training (not silently ignored)', () => {
    for (const cell of CELLS) {
      const layer = tf.layers[cell]({ units: 4, dropout: 0.5, recurrentDropout: 0.5, recurrentInitializer: 'glorotUniform' });
      const x = tf.randomNormal([4, 6, 3]);
      const train = layer.apply(x, { training: true }) as import('@tensorflow/tfjs').Tensor;
      const infer = layer.apply(x, { training: false }) as import('@tensorflow/tfjs').Tensor;
      expect(tf.sub(train, infer).abs().max().dataSync()[0]).toBeGreaterThan(1e-4);
      tf.dispose([x, train, infer]);
    }
  });
});

describe("the source's numbers, from tfjs", () => {
  it('SimpleRNN(128) on 10 features + Dense(1): 17,792 + 129 = 17,921 (default settings, orthogonal init)', () => {
    const spec = configToSpec(DEFAULT_CONFIG);
    const report = inspectFunctional(tf, spec);
    expect(report.layers.map((l) => l.params)).toEqual([17792, 129]);
    expect(report.totalParams).toBe(17921);
    expect(report.summary.join('\n')).toContain('Total params: 17921');
    expect(describeModel(spec).rows.map((r) => r.formula)).toEqual(['10·128 + 128·128 + 128 = 17,792', '128·1 + 1 = 129']);
  });

  it('GRU(32) on 32 features: tfjs 6,240; Keras 2 (reset_after=True) 6,336 by our count', () => {
    const gru = { ...SMALL, cell: 'gru' as const, units: 32, features: 32, denseHead: false };
    expect(inspectFunctional(tf, configToSpec(gru)).totalParams).toBe(6240);
    expect(describeModel(configToSpec({ ...gru, resetAfter: true })).totalParams).toBe(6336);
  });

  it('LSTM is four SimpleRNNs wide and GRU three: units·(units+features+1)·gates', () => {
    for (const [cell, gates] of [['simpleRNN', 1], ['lstm', 4], ['gru', 3]] as const) {
      const report = inspectFunctional(tf, configToSpec({ ...SMALL, cell, units: 7, features: 5, denseHead: false }));
      expect(report.totalParams).toBe(7 * (7 + 5 + 1) * gates);
    }
  });
});
