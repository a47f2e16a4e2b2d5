/**
 * Which engine trains the model, and why: the reader's choice (a select; "fastest" lets the probe
 * decide), the probe's measured time per step on each engine, the choice made, and — when a run
 * stopped on NaN or divergence, or the worker crashed — what happened and the way back. Every
 * training widget shows this one piece; without `onPreference` it only reports (the comparison
 * shows one per model beneath the one choice the three share).
 */
import { type StringKey, useT } from '../../book/i18n';
import { ENGINES, type EnginePreference, type EngineReport } from '../../tf/training/types';
import { num } from '../../viz/format';
import { Button, Controls, Select } from '../shell';

export interface TrainingEngineProps {
  report: EngineReport | null;
  preference: EnginePreference;
  /** Absent: no choice here, only the report. */
  onPreference?: (preference: EnginePreference) => void;
  disabled?: boolean;
  failure?: { explanation: string; lastGoodStep: number | null } | null;
  onGoBack?: () => void;
  crashed?: string | null;
  onRestart?: () => void;
}

export function TrainingEngine({ report, preference, onPreference, disabled, failure, onGoBack, crashed, onRestart }: TrainingEngineProps) {
  const t = useT();
  const label = (engine: string) => t(`training.engine.${engine}` as StringKey);
  const timings = report?.timings
    .map((m) => (m.msPerStep !== null ? t('training.engine.ms', { engine: label(m.engine), ms: num(m.msPerStep, 3) }) : t('training.engine.na', { engine: label(m.engine), note: m.note ?? '' })))
    .join(' · ');
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
      </Controls>
      {report ? (
        <p className="caption" data-testid="engine-choice" data-engine={report.engine}>
          {timings ? `${t('training.engine.probe', { timings })} ` : ''}
          {t(`training.engine.chosen.${report.chosenBy}` as StringKey, { engine: label(report.engine) })}
        </p>
      ) : (
        <p className="caption">{t('training.engine.notYet')}</p>
      )}
      {failure && (
        <div role="alert" className="widget-problem" data-testid="training-failure">
          <p>{t('training.failed', { explanation: failure.explanation })}</p>
          {failure.lastGoodStep !== null && onGoBack && <Button onClick={onGoBack}>{t('training.goBack', { step: failure.lastGoodStep })}</Button>}
        </div>
      )}
      {crashed && (
        <div role="alert" className="widget-problem" data-testid="worker-crashed">
          <p>{t('training.crashed', { message: crashed })}</p>
          {onRestart && <Button onClick={onRestart}>{t('training.restart')}</Button>}
        </div>
      )}
    </div>
  );
}
