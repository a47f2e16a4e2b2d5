/** A trained sentiment model's NamedWeights in the engine's form, for the hand-computed forward. */
import type { HandClassifier, RecurrentLayerWeights } from '../engine/sentimentModels';
import type { ModelSpec } from '../engine/spec';
import type { NamedWeight } from './types';
import { denseWeightsOf, gruWeightsOf, lstmWeightsOf, simpleRnnWeightsOf, toMatrix, weightsOfLayer } from './weights';

export function handClassifierOf(spec: ModelSpec, weights: NamedWeight[]): HandClassifier {
  const model: HandClassifier = { embedding: { rows: 0, cols: 0, data: new Float32Array(0) }, recurrent: [], dense: [] };
  for (const layer of spec.layers) {
    switch (layer.kind) {
      case 'embedding': {
        const table = weightsOfLayer(weights, layer.name).get('embeddings');
        if (!table) throw new Error(`Layer "${layer.name}" has no embeddings.`);
        model.embedding = toMatrix(table);
        break;
      }
      case 'simpleRNN':
        model.recurrent.push({ spec: layer, weights: simpleRnnWeightsOf(weights, layer.name) } as RecurrentLayerWeights);
        break;
      case 'lstm':
        model.recurrent.push({ spec: layer, weights: lstmWeightsOf(weights, layer.name) } as RecurrentLayerWeights);
        break;
      case 'gru':
        model.recurrent.push({ spec: layer, weights: gruWeightsOf(weights, layer.name) } as RecurrentLayerWeights);
        break;
      case 'dense':
        model.dense.push({ weights: denseWeightsOf(weights, layer.name), activation: layer.activation ?? 'linear' });
        break;
      case 'dropout':
      case 'spatialDropout1d':
        break;
      case 'bidirectional':
        throw new Error('The hand-computed view does not run bidirectional layers yet.');
    }
  }
  return model;
}
