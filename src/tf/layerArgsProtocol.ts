/** The calls of the layer playground's worker: build a spec and report what tfjs made of it. */
import type { ModelSpec } from '../engine/spec';
import type { TfjsModelReport } from './buildFunctional';
import type { BackendName } from './types';

export type LayerArgsCalls = {
  inspect: { args: { spec: ModelSpec }; result: TfjsModelReport & { backend: BackendName } };
};
