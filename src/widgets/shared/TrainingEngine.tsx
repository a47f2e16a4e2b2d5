/**
 * Which engine trains the model, and why: the reader's choice (a select; "fastest" lets the probe
 * decide), the probe's measured time per step on each engine, the choice made, and — when a run
 * stopped on NaN or divergence, or the worker crashed — what happened (worded here in the reader's
 * language from the loop's data, not shown as the loop's English) and the way back. Every
 * training widget shows this one piece; without `onPreference` it only reports (the comparison
 * shows one per model beneath the one choice the three share).
 */
import { useMemo } from 'react';
import { type StringKey, useErrorText, useT } from '../../book/i18n';
import type { ReaderError } from '../../engine/errors';
import type { TrainFailure } from '../../tf/training/failure';
import { DIVERGENCE_FACTOR, DIVERGENCE_STEPS } from '../../tf/training/loop';
import { ENGINES, type EnginePreference, type EngineReport, type EngineTiming } from '../../tf/training/types';
import { num } from '../../viz/format';
import { Button, Controls, Select } from '../shell';

export interface TrainingEngineProps {
  report: EngineReport | null;
  preference: EnginePreference;
  /** Absent: no choice here, only the report. */
  onPreference?: (preference: EnginePreference) => void;
  disabled?: boolean;
  /** Why the last run stopped on a bad loss; the caller passes null while a run is on. */
  failure?: TrainFailure | null;
  onGoBack?: () => void;
  crashed?: ReaderError | null;
  onRestart?: () => void;
  /** Times every engine again, longer than the first probe (MEASURE_SECONDS in src/tf/training/engines.ts; a slow engine still gets its two steps). */
  onMeasure?: () => void;
  measuring?: boolean;
}

function Timing({ timing, label }: { timing: EngineTiming; label: string }) {
  const t = useT();
  if (timing.msPerStep === null) {
    return (
      <li data-engine={timing.engine} title={timing.note}>
        {t('training.engine.na', { engine: label, note: t(`training.engine.why.${timing.reason ?? 'failed'}` as StringKey) })}
      </li>
    );
  }
  return (
    <li data-engine={timing.engine} data-ms={timing.msPerStep}>
      {t('training.engine.ms', { engine: label, ms: num(timing.msPerStep, 3) })}
    </li>
  );
}

/** A failure's explanation: what went wrong at which step, and the way back. */
function useFailureText(failure: TrainFailure | null): string | null {
  const t = useT();
  return useMemo(() => {
    if (!failure) return null;
    const what =
      failure.reason === 'nan'
        ? t('training.failure.nan', { step: failure.step })
        : t('training.failure.diverged', { step: failure.step, loss: num(failure.loss, 3), factor: DIVERGENCE_FACTOR, reference: num(failure.reference, 3), steps: DIVERGENCE_STEPS });
    const back = failure.lastGoodStep === null ? t('training.failure.restart') : t('training.failure.back', { step: failure.lastGoodStep });
    return `${what} ${back}`;
  }, [failure, t]);
}

export function TrainingEngine({ report, preference, onPreference, disabled, failure = null, onGoBack, crashed = null, onRestart, onMeasure, measuring = false }: TrainingEngineProps) {
  const t = useT();
  const te = useErrorText();
  const explanation = useFailureText(failure);
  const label = (engine: string) => t(`training.engine.${engine}` as StringKey);
  return (
    <div className="training-engine" data-testid="training-engine">
      <Controls>
        {onPreference && (
          <Select<EnginePreference>
            label={t('training.engine')}
            value={preference}
            disabled={disabled}
            onChange={onPreference}
            options={[{ value: 'auto', label: t('training.engine.auto') }, ...ENGINES.map((e) => ({ value: e as EnginePreference, label: label(e) }))]}
          />
        )}
        {onMeasure && (
          <Button onClick={onMeasure} disabled={disabled || measuring}>
            {measuring ? t('training.engine.measuring') : t('training.engine.measure')}
          </Button>
        )}
      </Controls>
      {report ? (
        <div className="caption" data-testid="engine-choice" data-engine={report.engine} aria-live="polite">
          {report.timings.length > 0 && (
            <>
              <span>{t('training.engine.probe')}</span>
              <ul className="engine-timings">
                {report.timings.map((timing) => (
                  <Timing key={timing.engine} timing={timing} label={label(timing.engine)} />
                ))}
              </ul>
            </>
          )}
          <span>{t(`training.engine.chosen.${report.chosenBy}` as StringKey, { engine: label(report.engine) })}</span>
        </div>
      ) : (
        <p className="caption">{t('training.engine.notYet')}</p>
      )}
      {failure && (
        <div role="alert" className="widget-problem" data-testid="training-failure">
          <p>{t('training.failed', { explanation: explanation ?? '' })}</p>
          {failure.lastGoodStep !== null && onGoBack && <Button onClick={onGoBack}>{t('training.goBack', { step: failure.lastGoodStep })}</Button>}
        </div>
      )}
      {crashed && (
        <div role="alert" className="widget-problem" data-testid="worker-crashed">
          <p>{t('training.crashed', { message: te(crashed) })}</p>
          {onRestart && <Button onClick={onRestart}>{t('training.restart')}</Button>}
        </div>
      )}
    </div>
  );
}
