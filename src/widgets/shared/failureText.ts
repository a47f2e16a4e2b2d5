/**
 * A run that stopped on a bad loss, worded in the reader's language from the loop's data (the
 * step, the loss, the loss of guessing it kept exceeding) rather than shown as the loop's English.
 */
import { useMemo } from 'react';
import { useT } from '../../book/i18n';
import type { TrainFailure } from '../../tf/training/failure';
import { DIVERGENCE_FACTOR, DIVERGENCE_STEPS } from '../../tf/training/loop';
import { num } from '../../viz/format';

/** What TrainingEngine shows for a failure: the explanation and the step to go back to. */
export function useFailureText(failure: TrainFailure | null): { explanation: string; lastGoodStep: number | null } | null {
  const t = useT();
  return useMemo(() => {
    if (!failure) return null;
    const what =
      failure.reason === 'nan'
        ? t('training.failure.nan', { step: failure.step })
        : t('training.failure.diverged', { step: failure.step, loss: num(failure.loss, 3), factor: DIVERGENCE_FACTOR, reference: num(failure.reference, 3), steps: DIVERGENCE_STEPS });
    const back = failure.lastGoodStep === null ? t('training.failure.restart') : t('training.failure.back', { step: failure.lastGoodStep });
    return { explanation: `${what} ${back}`, lastGoodStep: failure.lastGoodStep };
  }, [failure, t]);
}
