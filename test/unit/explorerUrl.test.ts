import { describe, expect, it } from 'vitest';
import { snapWeight } from '../../src/engine/explorerPresets';
import { encodeJsonParam, decodeJsonParam } from '../../src/engine/jsonParam';
import {
  type ExplorerConfig,
  MAX_SENTENCE_CHARS,
  decodeConfig,
  defaultConfig,
  encodeConfig,
  withPreset,
} from '../../src/engine/explorerConfig';

function edited(): ExplorerConfig {
  const base = withPreset(defaultConfig({ cell: 'gru', compare: true, units: 3, inputDim: 4 }), 'counter');
  const gru = { ...base.weights.gru, bias: base.weights.gru.bias.map((v, i) => (i === 2 ? -9.99 : v)) };
  return {
    ...base,
    sentence: '猫が走った 🐈‍⬛ — ¿qué?',
    resetAfter: false,
    time: 5,
    embeddings: { '🐈‍⬛': [0.1, -0.2, 3.5, -10], __proto__x: [0, 0, 0, 1] },
    weights: { ...base.weights, gru },
  };
}

const raw = (config: ExplorerConfig) => decodeJsonParam(encodeConfig(config)) as Record<string, unknown>;
const withField = (field: string, value: unknown) => encodeJsonParam({ ...raw(defaultConfig()), [field]: value });

describe('explorer link', () => {
  it('round-trips every field, with weights in hundredths', () => {
    const config = edited();
    const decoded = decodeConfig(encodeConfig(config));
    expect(decoded.problem).toBeNull();
    expect(decoded.config).toEqual(config);
  });

  it('is short for an untouched explorer: default weights are not written', () => {
    const text = encodeConfig(defaultConfig());
    expect(text.length).toBeLessThan(200);
    expect(raw(defaultConfig()).w).toEqual({});
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('holds an 8-unit LSTM (the benchmark size)', () => {
    const config = { ...defaultConfig({ units: 8 }), time: 39, sentence: Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') };
    const lstm = { ...config.weights.lstm, kernel: config.weights.lstm.kernel.map((v) => snapWeight(v + 0.01)) };
    const big = { ...config, weights: { ...config.weights, lstm } };
    const decoded = decodeConfig(encodeConfig(big));
    expect(decoded.config?.units).toBe(8);
    expect(decoded.config?.weights.lstm.kernel).toEqual(big.weights.lstm.kernel);
  });

  const hostile: [string, string][] = [
    ['not base64', '%%%<script>'],
    ['base64 of non-JSON', encodeJsonParam('x').slice(0, -2) + '!!'],
    ['JSON but not an object', encodeJsonParam([1, 2, 3])],
    ['null', encodeJsonParam(null)],
    ['wrong version', encodeJsonParam({ ...raw(defaultConfig()), v: 2 })],
    ['too long', 'A'.repeat(30_000)],
    ['sentence not text', withField('s', 42)],
    ['sentence too long', withField('s', 'a'.repeat(MAX_SENTENCE_CHARS + 1))],
    ['unknown cell', withField('c', 'transformer')],
    ['units too many', withField('u', 9)],
    ['units not whole', withField('u', 2.5)],
    ['units as text', withField('u', '2')],
    ['zero input dims', withField('d', 0)],
    ['time negative', withField('t', -1)],
    ['compare not a flag', withField('m', true)],
    ['embeddings an array', withField('e', [])],
    ['embedding row too short', withField('e', { cat: [1] })],
    ['embedding out of range', withField('e', { cat: [1, 2, 1001] })],
    ['weights for an unknown cell', withField('w', { attention: [] })],
    ['weights of the wrong size', withField('w', { lstm: [[1], [2], [3]] })],
    ['weights not finite', encodeJsonParam({ ...raw(defaultConfig()), w: { rnn: [Array(6).fill(1e400), Array(4).fill(0), Array(2).fill(0)] } })],
    ['weights beyond ±10', withField('w', { rnn: [Array(6).fill(1001), Array(4).fill(0), Array(2).fill(0)] })],
    ['prototype pollution attempt', encodeJsonParam(JSON.parse(`{"v":1,"__proto__":{"polluted":1}}`))],
  ];

  for (const [name, text] of hostile) {
    it(`rejects ${name} with a reason, and nothing leaks into Object.prototype`, () => {
      const decoded = decodeConfig(text);
      expect(decoded.config).toBeNull();
      expect(decoded.problem).not.toBeNull();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('keeps a token called __proto__ as an ordinary embedding row', () => {
    const config = { ...defaultConfig(), sentence: '__proto__ x', embeddings: JSON.parse('{"__proto__":[0.5,0.5,0.5]}') };
    const decoded = decodeConfig(encodeConfig(config));
    expect(decoded.problem).toBeNull();
    expect(Object.hasOwn(decoded.config!.embeddings, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(decoded.config!.embeddings)).toBe(Object.prototype);
  });

  it('clamps out-of-range props instead of trusting them', () => {
    const config = defaultConfig({ units: 99, inputDim: -1, cell: 'nope' as never, sentence: 'x'.repeat(1000) });
    expect(config.units).toBe(2);
    expect(config.inputDim).toBe(3);
    expect(config.cell).toBe('lstm');
    expect(config.sentence.length).toBe(MAX_SENTENCE_CHARS);
  });
});
