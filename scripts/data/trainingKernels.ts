/**
 * Compiles the training kernel's WebAssembly SIMD products from their AssemblyScript source
 * (src/engine/train/wasm/products.ts) into public/generated/training-kernels.wasm. The binary is
 * built here, from source in the repo, on every machine, and never committed.
 */
import asc from 'assemblyscript/asc';
import { join } from 'node:path';
import type { DataStep } from '../build-data.ts';

const SOURCE = 'src/engine/train/wasm/products.ts';
export const TRAINING_KERNELS_WASM = 'training-kernels.wasm';

export const trainingKernels: DataStep = {
  name: 'training kernels (wasm simd)',
  inputs: [SOURCE, 'node_modules/assemblyscript/package.json'],
  outputs: [TRAINING_KERNELS_WASM],
  async run({ root, out }) {
    let errors = '';
    const { error } = await asc.main(
      [join(root, SOURCE), '-O3', '--enable', 'simd', '--runtime', 'stub', '--importMemory', '--noExportMemory', '--outFile', join(out, TRAINING_KERNELS_WASM)],
      { stderr: { write: (text: string | Uint8Array) => ((errors += String(text)), true) } as never },
    );
    if (error) throw new Error(`AssemblyScript could not compile ${SOURCE}: ${error.message}\n${errors}`);
  },
};
