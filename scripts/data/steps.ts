/** Every data step, in order. Add one import and one entry per dataset. */
import type { DataStep } from '../build-data.ts';

export const dataSteps: DataStep[] = [];
