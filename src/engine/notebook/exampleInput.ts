/**
 * An example input for a model that has no data of its own (the layer playground, a recipe's
 * full-size model): word ids below the vocabulary size when the model starts with an Embedding,
 * else numbers in [-1, 1); a length the spec leaves open gets `steps`, the batch its fixed size
 * or 1. Seeded, so the same model gets the same example.
 */
import { seededRandom } from '../random';
import type { ModelSpec } from '../spec';
import type { TensorValues } from './writeNotebook';

export function exampleInput(spec: ModelSpec, { seed = 1, steps = 5 } = {}): TensorValues {
  const shape = [spec.batchSize ?? 1, ...spec.inputShape.map((d) => d ?? steps)];
  const size = shape.reduce((a, b) => a * b, 1);
  const random = seededRandom(seed);
  const first = spec.layers[0];
  const values = first?.kind === 'embedding' ? Float32Array.from({ length: size }, () => Math.floor(random() * first.inputDim)) : Float32Array.from({ length: size }, () => random() * 2 - 1);
  return { values, shape };
}
