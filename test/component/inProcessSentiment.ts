/**
 * The sentiment worker's real handlers run in-process on tfjs' cpu backend, with models kept in
 * memory instead of IndexedDB, and the shipped sentences served to fetch() from public/generated.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { vi } from 'vitest';
import type { TfModel } from '../../src/tf/buildModel';
import type { SentimentWorkerApi } from '../../src/tf/sentimentClient';
import { type ModelStore, createSentimentHandlers } from '../../src/tf/sentimentHandlers';
import { readWeights } from '../../src/tf/weights';

export function memoryStore(): ModelStore {
  const saved = new Map<string, tf.io.ModelArtifacts>();
  return {
    async save(model, key) {
      await model.save(tf.io.withSaveHandler(async (a) => (saved.set(key, a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    },
    async load(key) {
      const a = saved.get(key);
      if (!a) return null;
      const model = (await tf.loadLayersModel(tf.io.fromMemory(a))) as TfModel;
      const weights = readWeights(model);
      model.dispose();
      return weights;
    },
    async remove(key) {
      saved.delete(key);
    },
  };
}

export function inProcessSentimentWorker(store: ModelStore): SentimentWorkerApi {
  const { handlers, cancel } = createSentimentHandlers({ tf: async () => tf, backend: async () => (await tf.setBackend('cpu'), 'cpu'), store: () => store });
  return {
    call: (call, args, onProgress) => Promise.resolve((handlers[call] as (a: unknown, p: unknown) => unknown)(args, onProgress ?? (() => undefined))) as never,
    cancel,
    pause: () => undefined,
    resume: () => undefined,
    crashed: false,
    dispose: () => undefined,
  };
}

/** Serves public/generated/sentences.json (made by `npm run data`) to every fetch(). */
export async function serveShippedSentences(): Promise<void> {
  await tf.setBackend('cpu');
  const file = readFileSync(join(process.cwd(), 'public/generated/sentences.json'), 'utf8');
  vi.stubGlobal('fetch', async () => new Response(file, { status: 200, headers: { 'content-type': 'application/json' } }));
}
