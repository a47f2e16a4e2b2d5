import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/spec';
import { type ParityCase, kernelWasm, parityWithTfjs } from './kernelParity';
import { cpuTf } from './tfjs';

const tf = await cpuTf();
const wasm = kernelWasm();

const lstmSpec: ModelSpec = { inputShape: [6, 5], layers: [{ kind: 'lstm', name: 'lstm', units: 4 }, { kind: 'dense', name: 'out', units: 3, activation: 'softmax' }] };

const CASES: ParityCase[] = [{ name: 'LSTM on float rows, softmax head', spec: lstmSpec, input: 'values', batch: 5, steps: 6, seed: 1 }];

describe('training kernel = tfjs (loss, every gradient, weights after 3 Adam steps)', () => {
  for (const c of CASES) {
    for (const products of ['typescript', 'wasm-simd'] as const) {
      it(`${c.name} (${products})`, () => {
        const report = parityWithTfjs(tf, c, products === 'wasm-simd' ? wasm : null);
        console.log(c.name, products, JSON.stringify(report));
        expect(report.worst).toBeLessThan(1e-5);
      });
    }
  }
});
