/**
 * A NumPy sampling loop for a character model, over the notebook's forward(): prime the model
 * with a string, then draw one character at a time with the source's top-N rule and a
 * temperature. A model whose recurrent layers all return sequences carries each layer's state
 * on from one character to the next; a window model (its last layer returns only the final
 * step) is fed the last `window` characters each time instead, as it was trained.
 */
import { isRecurrent } from '../spec';
import type { ModelSpec } from '../spec';
import { pythonString } from './pythonLiterals';

export interface SamplingSettings {
  /** The characters in id order: id i is vocabulary[i]. */
  vocabulary: string[];
  prime: string;
  length: number;
  /** Keep only the N most likely characters (the source uses 4); null keeps all. */
  topN: number | null;
  temperature: number;
  seed: number;
}

/** True when the model carries its state from one call to the next (every recurrent layer returns sequences). */
export function carriesState(spec: ModelSpec): boolean {
  const recurrent = spec.layers.filter((l) => isRecurrent(l) || l.kind === 'bidirectional');
  return recurrent.every((l) => (l.kind === 'bidirectional' ? l.layer.returnSequences : isRecurrent(l) && l.returnSequences));
}

export function samplingCode(spec: ModelSpec, settings: SamplingSettings): string {
  const ids = spec.layers[0]?.kind === 'embedding';
  const carry = carriesState(spec);
  const window = typeof spec.inputShape[0] === 'number' ? spec.inputShape[0] : null;
  const lines = [
    `chars = ${pythonString(settings.vocabulary.join(''))}  # id i is chars[i]`,
    'char_to_id = {c: i for i, c in enumerate(chars)}',
    '',
    '',
    'def encode(ids):',
    ...(ids
      ? ['    """The model reads character ids, shape (1, len(ids))."""', '    return np.array([ids], dtype=np.float32)']
      : ['    """The model reads one-hot rows, shape (1, len(ids), number of characters)."""', '    return np.eye(len(chars), dtype=np.float32)[ids][None]']),
    '',
    '',
    'def choose(p, top_n, temperature, rng):',
    '    """Draws the next id from the model\'s probabilities p."""',
    '    p = p.astype(np.float64) ** (1.0 / temperature)  # the same as softmax(logits / T)',
    '    if top_n is not None:',
    '        p[np.argsort(-p, kind="stable")[top_n:]] = 0.0  # keep only the N most likely',
    '    return int(rng.choice(len(p), p=p / p.sum()))',
    '',
    '',
    `def sample(prime, length=${settings.length}, top_n=${settings.topN ?? 'None'}, temperature=${settings.temperature}, seed=${settings.seed}):`,
    '    rng = np.random.default_rng(seed)',
    '    ids = [char_to_id[c] for c in prime if c in char_to_id]',
  ];
  if (carry) {
    lines.push(
      '    outputs, states = forward(encode(ids))  # read the prime',
      '    text = prime',
      '    for _ in range(length):',
      '        i = choose(outputs[0][0, -1], top_n, temperature, rng)',
      '        text += chars[i]',
      '        outputs, states = forward(encode([i]), states)  # carry every layer\'s state on',
      '    return text',
    );
  } else {
    const cut = window ? `ids[-${window}:]` : 'ids';
    lines.push(
      '    text = prime',
      '    for _ in range(length):',
      `        outputs, _ = forward(encode(${cut}))  # a window model rereads its window each time`,
      '        i = choose(outputs[0][0], top_n, temperature, rng)',
      '        ids.append(i)',
      '        text += chars[i]',
      '    return text',
    );
  }
  lines.push('', '', `print(sample(${pythonString(settings.prime)}))`);
  return lines.join('\n');
}
