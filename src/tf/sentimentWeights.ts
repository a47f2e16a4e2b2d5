/** A trained sentiment model's NamedWeights in the engine's form, for the hand-computed forward. */
import type { HandClassifier, RecurrentLayerWeights } from '../engine/sentimentModels';
import type { ModelSpec, RecurrentSpec } from '../engine/spec';
import type { NamedWeight } from './types';
import { denseWeightsOf, gruWeightsOf, lstmWeightsOf, simpleRnnWeightsOf, toMatrix, weightsOfLayer } from './weights';

/** One recurrent layer's weights, found under `prefix` (its name, or "bilstm/forward_lstm" inside a Bidirectional). */
function recurrentOf(layer: RecurrentSpec, weights: NamedWeight[], prefix: string): RecurrentLayerWeights {
  switch (layer.kind) {
    case 'simpleRNN':
      return { spec: layer, weights: simpleRnnWeightsOf(weights, prefix) } as RecurrentLayerWeights;
    case 'lstm':
      return { spec: layer, weights: lstmWeightsOf(weights, prefix) } as RecurrentLayerWeights;
    case 'gru':
      return { spec: layer, weights: gruWeightsOf(weights, prefix) } as RecurrentLayerWeights;
  }
}

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
      case 'lstm':
      case 'gru':
        model.recurrent.push(recurrentOf(layer, weights, layer.name));
        break;
      case 'dense':
        model.dense.push({ weights: denseWeightsOf(weights, layer.name), activation: layer.activation ?? 'linear' });
        break;
      case 'dropout':
      case 'spatialDropout1d':
        break;
      case 'bidirectional': {
        // tfjs names the two copies forward_<inner> and backward_<inner>; the backward copy's
        // reversal is done by the engine (bidirectional.ts), so its spec reads forwards.
        const inner = { ...layer.layer, goBackwards: false };
        model.recurrent.push({
          spec: layer,
          forward: recurrentOf(inner, weights, `${layer.name}/forward_${layer.layer.name}`),
          backward: recurrentOf(inner, weights, `${layer.name}/backward_${layer.layer.name}`),
        });
        break;
      }
    }
  }
  return model;
}
