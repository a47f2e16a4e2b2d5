/** Every data step, in order. Add one import and one entry per dataset. */
import type { DataStep } from '../build-data.ts';
import { mnist } from './mnist.ts';
import { mobyDick } from './mobyDick.ts';
import { sentences } from './sentences.ts';
import { trainingKernels } from './trainingKernels.ts';

export const dataSteps: DataStep[] = [mobyDick, sentences, mnist, trainingKernels];
