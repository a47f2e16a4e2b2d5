/**
 * The sentiment model import (model.json + weights, ModelFiles in the trainer) against 200 seeded
 * bad selections (./badModelFiles.ts), through the real file input, the lab's store and the
 * worker's real handlers in-process, in the Chinese edition: every one ends in a message the book
 * words from an error code (never a crash, never a bare English error), and the model imported
 * before stays the model in use — on the page and in the worker, whose export still gives back
 * its weights byte for byte.
 */
import 'fake-indexeddb/auto';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { strings, translate, translateError } from '../../src/book/i18n';
import { type ReaderError, describeError } from '../../src/engine/errors';
import { MAX_MODEL_BYTES } from '../../src/engine/fileChecks';
import type { SentimentState } from '../../src/state/sentimentStore';
import { badModelFileSets, type NamedBytes } from './badModelFiles';
import { inProcessSentimentWorker, serveShippedSentences } from './inProcessSentiment';

vi.mock('../../src/tf/sentimentClient', () => ({ createSentimentWorker: () => inProcessSentimentWorker() }));

const { SentimentLab, useSentiment } = await import('../../src/widgets/sentiment/SentimentLab');
const { default: SentimentTrainer } = await import('../../src/widgets/sentiment/SentimentTrainer');
const { readModelFiles } = await import('../../src/widgets/sentiment/ModelFiles');

const WORDS = ['good', 'bad', 'food', 'service', 'slow'];
const MAXLEN = 6;

/** A book-style export: Embedding → SimpleRNN → Dense(2) softmax with the book's metadata, as model.json and one weights file. */
async function validFiles(): Promise<NamedBytes[]> {
  await tf.setBackend('cpu');
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ name: 'embedding', inputDim: WORDS.length + 1, outputDim: 3, inputLength: MAXLEN }),
      tf.layers.simpleRNN({ name: 'rnn', units: 3, recurrentInitializer: 'glorotUniform' }),
      tf.layers.dense({ name: 'out', units: 2, activation: 'softmax' }),
    ],
  });
  model.setUserDefinedMetadata({
    unrolled: { vocabWords: WORDS, numWords: WORDS.length + 1, classes: ['negative', 'positive'], maxlen: MAXLEN, padding: 'pre', truncating: 'pre', datasetName: 'fuzz', history: [] },
  });
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  model.dispose();
  const a = artifacts!;
  const modelJson = {
    format: a.format,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: ['./fuzz.weights.bin'], weights: a.weightSpecs }],
    userDefinedMetadata: a.userDefinedMetadata,
  };
  return [
    { name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(modelJson)) },
    { name: 'fuzz.weights.bin', bytes: new Uint8Array(a.weightData as ArrayBuffer) },
  ];
}

/** Reads the lab's store from inside it. */
const seen = { model: null as SentimentState['model'], error: null as ReaderError | null, phase: '' as SentimentState['phase'], exportModel: null as SentimentState['exportModel'] | null };
function Probe() {
  seen.model = useSentiment((s) => s.model);
  seen.error = useSentiment((s) => s.error);
  seen.phase = useSentiment((s) => s.phase);
  seen.exportModel = useSentiment((s) => s.exportModel);
  return null;
}

beforeAll(async () => {
  await serveShippedSentences();
  // The Chinese edition: a message worded from a code reads in Chinese, an uncoded one would be framed as raw English.
  window.history.pushState({}, '', '/zh/chapters/rnn-sentiment/');
});
afterAll(() => {
  window.history.pushState({}, '', '/');
  vi.unstubAllGlobals();
});

describe('the sentiment model import', () => {
  it('fuzz: 200 bad selections each get a worded message, and the imported model stays', async () => {
    // The model in use, and a second one like it (its own random weights) that every bad set is made from:
    // a bad set that reached the worker's model slot would leave the second one's weights there.
    const inUse = await validFiles();
    const valid = await validFiles();
    render(
      <SentimentLab storageKey="fuzz" units={3} embeddingDim={3} epochs={1} padding="pre" maxlen={MAXLEN}>
        <SentimentTrainer />
        <Probe />
      </SentimentLab>,
    );
    const input = await screen.findByLabelText(translate('zh', 'sentiment.files.import'));
    const files = within(input.closest('section')!);
    const choose = (list: File[]) => act(async () => fireEvent.change(input, { target: { files: list } }));

    await choose(inUse.map((f) => new File([f.bytes as BlobPart], f.name)));
    await waitFor(() => expect(seen.model?.datasetName).toBe('fuzz'), { timeout: 30_000 });
    await waitFor(() => expect(seen.phase).toBe('ready'), { timeout: 30_000 });
    const before = seen.model;

    const sets = badModelFileSets(valid, {
      seed: 4,
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
        ...[0, 1, 2].map((k) => ({ file: 'model.json', path: ['modelTopology', 'config', 'layers', k, 'class_name'] })),
        { file: 'model.json', path: ['modelTopology', 'config', 'layers', 1, 'config', 'units'] },
        { file: 'model.json', path: ['userDefinedMetadata'] },
        { file: 'model.json', path: ['userDefinedMetadata', 'unrolled'] },
        { file: 'model.json', path: ['userDefinedMetadata', 'unrolled', 'vocabWords'] },
        { file: 'model.json', path: ['userDefinedMetadata', 'unrolled', 'classes'] },
      ],
    });
    const codes = new Map<string, number>();
    for (const [i, set] of sets.entries()) {
      const where = `set ${i} (${set.kind}: ${set.what})`;
      // What the widget does first, before anything reaches the store; its refusal is shown next to the input.
      const early = await readModelFiles(set.files).then(
        () => null,
        (error: unknown) => describeError(error),
      );
      const lastError = seen.error;
      await choose(set.files);
      let problem: ReaderError;
      if (early) {
        problem = early;
        await waitFor(() => expect(files.getByRole('alert').textContent, where).toBe(translateError('zh', problem)), { timeout: 30_000 });
      } else {
        await waitFor(() => expect(seen.error !== null && seen.error !== lastError && seen.phase !== 'building', where).toBe(true), { timeout: 30_000 });
        problem = seen.error!;
        const text = translateError('zh', problem);
        await waitFor(() => expect(screen.getAllByRole('alert').map((a) => a.textContent), where).toContain(text), { timeout: 30_000 });
      }
      expect(problem.code && `error.${problem.code}` in strings.en, `${where}: "${problem.message}" has no worded code`).toBe(true);
      expect(seen.model, `${where}: the model in use changed`).toBe(before);
      codes.set(problem.code!, (codes.get(problem.code!) ?? 0) + 1);
    }
    // The worker still holds the model imported before: its export gives back the same weights.
    const exported = await seen.exportModel!();
    expect(new Uint8Array(exported.weights)).toEqual(inUse[1].bytes);
    expect(new Uint8Array(exported.weights)).not.toEqual(valid[1].bytes);
    // The sets reach the file checks, the manifest, the weights' size, tfjs and the book's metadata.
    for (const code of ['file.empty', 'file.tooLarge', 'file.binary', 'file.notUtf8', 'file.weightsSize', 'modelFiles.noJson', 'modelFiles.noManifest', 'modelFiles.missingWeights', 'modelFiles.noVocabulary']) {
      expect([...codes.keys()], code).toContain(code);
    }
  }, 600_000);
});
