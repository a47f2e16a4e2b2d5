/**
 * Why a run stopped on a bad loss, as plain data the page words in the reader's language (the
 * loop's own explanation is English, for developers and logs). Every trainer's status carries one.
 */
import type { LoopResult } from './loop';

export interface TrainFailure {
  reason: 'nan' | 'diverged';
  /** The step whose loss went bad (1-based, over every run), and that loss. */
  step: number;
  loss: number;
  /** The loss of guessing, which a diverging loss kept exceeding DIVERGENCE_FACTOR times. */
  reference: number;
  /** The last step whose weights were still good, to go back to; null when there is none. */
  lastGoodStep: number | null;
  /** The loop's own English explanation (developers, logs). */
  explanation: string;
}

/** The failure of a run that ended on NaN or divergence; null for any other ending. */
export function failureOf(result: LoopResult, reference: number): TrainFailure | null {
  if (result.stopReason !== 'nan' && result.stopReason !== 'diverged') return null;
  return {
    reason: result.stopReason,
    step: result.badStep?.step ?? result.position.step,
    loss: result.badStep?.loss ?? NaN,
    reference,
    lastGoodStep: result.lastGoodStep,
    explanation: result.explanation ?? '',
  };
}
