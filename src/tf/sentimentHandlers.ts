/**
 * What the sentiment worker does, as plain handlers, so that component tests can run the very
 * same code in-process on tfjs' cpu backend with an in-memory model store.
 */
import { type TfModel } from './buildModel';
import { type KernelNeeds } from './backend';
import type { SentimentCalls } from './sentimentCalls';
import { specFromModel } from './specFromModel';
import { EmbeddingTrainer } from './trainLoop';
import type { BackendName, NamedWeight, Tf } from './types';
import { readWeights } from './weights';
import type { Handlers } from './workerRpc';
import { BookError, errorMessage } from '../engine/errors';
import { tfjsModelUrl } from '../engine/storageKeys';

/** Where trained models are kept between page loads. */
export interface ModelStore {
  save(model: TfModel, key: string): Promise<void>;
  /** The stored model's weights, or null when there is none. */
  load(key: string): Promise<NamedWeight[] | null>;
  remove(key: string): Promise<void>;
}

const url = tfjsModelUrl;

/** tfjs' own IndexedDB handler: it works in workers as well as on the page. */
export function indexedDbModelStore(tf: Tf): ModelStore {
  return {
    async save(model, key) {
      await model.save(url(key));
    },
    async load(key) {
      const stored = await tf.io.listModels();
      if (!(url(key) in stored)) return null;
      const model = await tf.loadLayersModel(url(key));
      try {
        return readWeights(model as TfModel);
      } finally {
        model.dispose();
      }
    },
    async remove(key) {
      const stored = await tf.io.listModels();
      if (url(key) in stored) await tf.io.removeModel(url(key));
    },
  };
}

export interface SentimentRuntime {
  tf: () => Promise<Tf>;
  /** Picks and starts the backend; the sparse step needs no special kernel, so wasm is fine. */
  backend: (tf: Tf, needs: KernelNeeds) => Promise<BackendName>;
  store: (tf: Tf) => ModelStore;
}

/** The handlers plus the worker's cancel hook. */
export function createSentimentHandlers(runtime: SentimentRuntime): { handlers: Handlers<SentimentCalls>; cancel: () => void } {
  let trainer: EmbeddingTrainer | null = null;
  let backend: BackendName | null = null;
  let cancelRequested = false;

  async function ready(): Promise<Tf> {
    const tf = await runtime.tf();
    backend ??= await runtime.backend(tf, []);
    return tf;
  }
  const current = (): EmbeddingTrainer => {
    if (!trainer) throw new BookError('model.notReady', 'Build the model before using it.');
    return trainer;
  };
  const replace = (next: EmbeddingTrainer) => {
    trainer?.dispose();
    trainer = next;
    return { backend: backend!, ...next.describe() };
  };

  const handlers: Handlers<SentimentCalls> = {
    async build({ spec, compile, weights }) {
      const tf = await ready();
      return replace(new EmbeddingTrainer(tf, spec, compile, weights));
    },
    async train({ train, validation, options }, progress) {
      const t = current();
      cancelRequested = false;
      const result = await t.fit(train, validation, { ...options, onProgress: progress, shouldStop: () => cancelRequested });
      return { ...result, weights: t.weights() };
    },
    predict: ({ ids, n }) => current().predict(ids, n),
    async save({ key }) {
      const tf = await ready();
      const t = current();
      t.syncEmbedding();
      await runtime.store(tf).save(t.model, key);
      return null;
    },
    async restore({ key, spec, compile }) {
      const tf = await ready();
      const weights = await runtime.store(tf).load(key);
      if (!weights) return null;
      return replace(new EmbeddingTrainer(tf, spec, compile, weights));
    },
    async forget({ key }) {
      const tf = await ready();
      await runtime.store(tf).remove(key);
      return null;
    },
    async exportModel({ metadata, weightsFile }) {
      const tf = await ready();
      const t = current();
      t.syncEmbedding();
      t.model.setUserDefinedMetadata(metadata as never);
      let json = '';
      let weights = new ArrayBuffer(0);
      await t.model.save(
        tf.io.withSaveHandler(async (artifacts) => {
          const data = artifacts.weightData ?? new ArrayBuffer(0);
          weights = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
          json = JSON.stringify({
            format: artifacts.format,
            generatedBy: artifacts.generatedBy,
            convertedBy: artifacts.convertedBy ?? null,
            modelTopology: artifacts.modelTopology,
            weightsManifest: [{ paths: [`./${weightsFile}`], weights: artifacts.weightSpecs }],
            userDefinedMetadata: artifacts.userDefinedMetadata,
          });
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        }),
      );
      return { modelJson: json, weights };
    },
    async importModel({ modelJson, weights, compile }) {
      const tf = await ready();
      let parsed: { modelTopology?: object; weightsManifest?: { weights: never[] }[]; userDefinedMetadata?: unknown };
      try {
        parsed = JSON.parse(modelJson);
      } catch {
        throw new BookError('modelFiles.notJson', 'model.json is not valid JSON.');
      }
      if (!parsed.modelTopology || !Array.isArray(parsed.weightsManifest)) throw new BookError('modelFiles.notLayersModel', 'This JSON file is not a tfjs layers model (no modelTopology or weightsManifest).');
      const weightSpecs = parsed.weightsManifest.flatMap((group) => group.weights);
      let model: TfModel;
      try {
        model = (await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs, weightData: weights }))) as TfModel;
      } catch (error) {
        throw new BookError('model.tfjsLoadFailed', `tfjs could not load the model: ${errorMessage(error)}`, { detail: errorMessage(error) });
      }
      try {
        const spec = specFromModel(model);
        const built = replace(new EmbeddingTrainer(tf, spec, compile, readWeights(model)));
        return { ...built, spec, metadata: parsed.userDefinedMetadata ?? null };
      } finally {
        model.dispose();
      }
    },
  };
  return {
    handlers,
    cancel: () => {
      cancelRequested = true;
    },
  };
}
