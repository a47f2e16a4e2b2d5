/** The calls of the layer playground's worker: build a spec and report what tfjs made of it. */
import type { ModelSpec } from '../engine/spec';
import type { TensorValues } from '../engine/notebook/writeNotebook';
import type { TfjsModelReport } from './buildFunctional';
import type { ModelForPython } from './notebookExport';
import type { BackendName } from './types';

export type LayerArgsCalls = {
  inspect: { args: { spec: ModelSpec }; result: TfjsModelReport & { backend: BackendName } };
  /** Builds the spec with its initial weights, reads them and predicts `input`: a notebook's data. */
  forPython: { args: { spec: ModelSpec; input: TensorValues }; result: ModelForPython & { backend: BackendName } };
};
