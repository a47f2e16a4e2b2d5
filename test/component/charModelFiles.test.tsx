/**
 * The char-LM's model import (model.json + weight shard + character list, CharLmOwn) against 200
 * seeded bad selections (./badModelFiles.ts), through the real file input, the store and the
 * worker's real handlers in-process, in the Chinese edition: every one ends in a message the book
 * words from an error code (never a crash, never a bare English error), and the model imported
 * before stays the model in use.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { strings, translate, translateError } from '../../src/book/i18n';
import { type ReaderError, describeError } from '../../src/engine/errors';
import { MAX_MODEL_BYTES } from '../../src/engine/fileChecks';
import type { ModelInfo } from '../../src/tf/charLmCalls';
import { badModelFileSets, type NamedBytes } from './badModelFiles';

const TEXT = 'the whale swam on and on, and the sea was calm.\n'.repeat(40);

vi.mock('../../src/tf/charLmClient', async () => (await import('./inProcessCharLm')).charLmClientMock(TEXT));
vi.mock('../../src/tf/charLmCalls', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/tf/charLmCalls')>();
  return { ...original, BROWSER_CONFIG: { ...original.BROWSER_CONFIG, units: 8, batchSize: 4, numSteps: 10 } };
});

const { CharLmStore } = await import('../../src/state/charLmStore');
const { default: CharLmLab } = await import('../../src/widgets/charLm/CharLmLab');
const { default: CharLmOwn } = await import('../../src/widgets/charLm/CharLmOwn');
const { sortModelFiles } = await import('../../src/widgets/charLm/readFiles');

const CHARS = ['\n', ' ', 'a', 'b', 'c', 'd', 'e'];

/** A one-hot LSTM char model laid out as tensorflowjs_converter writes it: model.json, one shard, and the character list. */
async function validFiles(): Promise<NamedBytes[]> {
  await tf.setBackend('cpu');
  const model = tf.sequential({
    layers: [
      tf.layers.lstm({ units: 4, inputShape: [5, CHARS.length], recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform' }),
      tf.layers.dense({ units: CHARS.length, activation: 'softmax' }),
    ],
  });
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  model.dispose();
  const a = artifacts!;
  const modelJson = { modelTopology: a.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: a.weightSpecs }] };
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  return [
    { name: 'model.json', bytes: encode(modelJson) },
    { name: 'group1-shard1of1.bin', bytes: new Uint8Array(a.weightData as ArrayBuffer) },
    { name: 'chars.json', bytes: encode(CHARS) },
  ];
}

/** Reads the lab's store from inside it. */
const seen = { model: null as ModelInfo | null, importError: null as ReaderError | null };
function Probe() {
  seen.model = CharLmStore.useStore((s) => s.model);
  seen.importError = CharLmStore.useStore((s) => s.importError);
  return null;
}

beforeAll(() => {
  // Nothing is served here: the training kernels' .wasm is not found, and the page's own JavaScript runs instead.
  vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));
  // The Chinese edition: a message worded from a code reads in Chinese, an uncoded one would be framed as raw English.
  window.history.pushState({}, '', '/zh/chapters/char-lstm-novel/');
});
afterAll(() => {
  window.history.pushState({}, '', '/');
  vi.unstubAllGlobals();
});

describe('the char model import', () => {
  it('fuzz: 200 bad selections each get a worded message, and the imported model stays', async () => {
    const valid = await validFiles();
    render(
      <CharLmLab>
        <CharLmOwn />
        <Probe />
      </CharLmLab>,
    );
    const input = screen.getByLabelText(translate('zh', 'charLm.own.model'));
    const choose = (files: File[]) => act(async () => fireEvent.change(input, { target: { files } }));

    // The lab first loads the novel and its model; the import replaces that model.
    await waitFor(() => expect(seen.model?.source).toBe('trained'), { timeout: 30_000 });
    await choose(valid.map((f) => new File([f.bytes as BlobPart], f.name)));
    const info = (await screen.findByTestId('model-info', {}, { timeout: 30_000 })).textContent;
    const before = seen.model;
    expect(before?.source).toBe('imported');

    const layerCount = (JSON.parse(new TextDecoder().decode(valid[0].bytes)) as { modelTopology: { config: { layers: unknown[] } } }).modelTopology.config.layers.length;
    const sets = badModelFileSets(valid, {
      seed: 14,
      count: 200,
      maxBytes: MAX_MODEL_BYTES,
      needed: [
        { file: 'model.json', path: ['modelTopology'] },
        { file: 'model.json', path: ['weightsManifest'] },
        { file: 'model.json', path: ['weightsManifest', 0] },
        { file: 'model.json', path: ['weightsManifest', 0, 'paths'] },
        { file: 'model.json', path: ['weightsManifest', 0, 'paths', 0] },
        { file: 'model.json', path: ['weightsManifest', 0, 'weights'] },
        { file: 'model.json', path: ['weightsManifest', 0, 'weights', 0, 'shape'] },
        { file: 'model.json', path: ['weightsManifest', 0, 'weights', 1, 'name'] },
        ...Array.from({ length: layerCount }, (_, k) => ({ file: 'model.json', path: ['modelTopology', 'config', 'layers', k, 'class_name'] })),
        { file: 'model.json', path: ['modelTopology', 'config', 'layers', 0, 'config', 'units'] },
        { file: 'chars.json', path: [] },
        { file: 'chars.json', path: [2] },
      ],
    });
    const codes = new Map<string, number>();
    for (const [i, set] of sets.entries()) {
      const where = `set ${i} (${set.kind}: ${set.what})`;
      // What the widget does first, before anything reaches the store; its refusal is shown as is.
      const early = await sortModelFiles(set.files).then(
        () => null,
        (error: unknown) => describeError(error),
      );
      const lastError = seen.importError;
      await choose(set.files);
      let problem: ReaderError;
      if (early) problem = early;
      else {
        await waitFor(() => expect(seen.importError !== null && seen.importError !== lastError, where).toBe(true), { timeout: 30_000 });
        problem = seen.importError!;
      }
      expect(problem.code && `error.${problem.code}` in strings.en, `${where}: "${problem.message}" has no worded code`).toBe(true);
      const text = translateError('zh', problem);
      await waitFor(() => expect(screen.getByTestId('own-problem').textContent, where).toBe(text), { timeout: 30_000 });
      expect(seen.model, `${where}: the model in use changed`).toBe(before);
      expect(screen.getByTestId('model-info').textContent).toBe(info);
      codes.set(problem.code!, (codes.get(problem.code!) ?? 0) + 1);
    }
    // The sets reach the file checks, the sorting of the files, the weights' size, the character list and tfjs itself.
    for (const code of ['file.empty', 'file.tooLarge', 'file.binary', 'file.notUtf8', 'file.weightsSize', 'charModel.noModelJson', 'charModel.noCharList', 'charModel.charsNotJson', 'model.tfjsLoadFailed']) {
      expect([...codes.keys()], code).toContain(code);
    }
  }, 600_000);
});
