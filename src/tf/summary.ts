/** model.summary() as lines of text, captured instead of printed to the console. */
import type { TfModel } from './buildModel';

export function captureSummary(model: TfModel, lineLength = 80): string[] {
  const lines: string[] = [];
  model.summary(lineLength, undefined, (line?: unknown) => lines.push(String(line ?? '')));
  return lines;
}

/** Each layer's own count, straight from tfjs, to set beside the engine's arithmetic. */
export function layerParamCounts(model: TfModel): { name: string; params: number }[] {
  return model.layers.map((layer) => ({ name: layer.name, params: layer.countParams() }));
}
