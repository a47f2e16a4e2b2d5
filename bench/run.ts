/**
 * `npm run bench`: measures the book's figures and prints each as
 * `figure <name>: <value> <unit>` (or `figure <name>: n/a <why>`). A new figure is a new module
 * exporting a Bench, added to BENCHES below. `npm run bench -- drag mnist` runs only the modules
 * with a figure whose name contains one of the words given.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBook } from '../test/browser/app';
import { type Bench, type BenchContext, formatOutcome, oneLine } from './figure';
import { charLm } from './charLm';
import { firstChapterReady, rnnChapterReady } from './firstChapterReady';
import { firstLoadJs } from './firstLoadJs';
import { dragP95 } from './dragP95';
import { embeddingSpeed } from './embeddingSpeed';
import { forward } from './forward';
import { kernelStep } from './kernelStep';
import { mnistRows } from './mnist';
import { playFrames } from './playFrames';
import { sentimentAccuracy } from './sentimentAccuracy';
import { trainRatios } from './trainRatios';
import { dataParallel } from './dataParallel';
import { errorMessage } from '../src/engine/errors';

const BENCHES: Bench[] = [firstLoadJs, firstChapterReady, rnnChapterReady, forward, kernelStep, embeddingSpeed, dataParallel, trainRatios, sentimentAccuracy, dragP95, playFrames, charLm, mnistRows];

const wanted = process.argv.slice(2);
const chosen = wanted.length ? BENCHES.filter((b) => b.figures.some((name) => wanted.some((w) => name.includes(w)))) : BENCHES;

async function main(): Promise<void> {
  let outDir: string | null = null;
  let building: Promise<string> | null = null;
  const context: BenchContext = {
    dist: () =>
      (building ??= (async () => {
        outDir = await mkdtemp(join(tmpdir(), 'unrolled-bench-dist-'));
        return buildBook(outDir);
      })()),
    note: (text) => console.log(`# ${text}`),
  };
  try {
    for (const bench of chosen) {
      try {
        for (const outcome of await bench.run(context)) console.log(formatOutcome(outcome));
      } catch (error) {
        const why = oneLine(errorMessage(error));
        for (const name of bench.figures) console.log(formatOutcome({ name, unavailable: why }));
      }
    }
  } finally {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  }
}

await main();
