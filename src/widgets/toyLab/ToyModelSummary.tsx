/**
 * The real tfjs model's summary() beside our own arithmetic for each layer, and whether the two
 * agree. Building the model here is what starts the lab's worker.
 */
import { useEffect } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { toySpec, toySummaryParam } from '../../state/toyLabStore';
import { ModelSummaryTable } from '../shared/ModelSummaryTable';
import { Stat, WidgetShell } from '../shell';
import { ModelExport } from '../shared/ModelExport';
import { useToyExport } from './useToyExport';
import { useToyCorpus, useToyLab } from './useToyLab';

export default function ToyModelSummary() {
  const t = useT();
  const te = useErrorText();
  const corpus = useToyCorpus();
  const cell = useToyLab((s) => s.cell);
  const summary = useToyLab((s) => s.summary);
  const layerParams = useToyLab((s) => s.layerParams);
  const backend = useToyLab((s) => s.backend);
  const phase = useToyLab((s) => s.phase);
  const error = useToyLab((s) => s.error);
  const build = useToyLab((s) => s.build);
  const exported = useToyExport();

  // Rebuild when the data changes shape; build() itself skips work when nothing changed.
  useEffect(() => {
    void build();
  }, [build, corpus]);

  return (
    <WidgetShell title={t('toy.summary.title')} widget="ToyModelSummary" link={{ param: toySummaryParam(cell), weights: true }}>
      {corpus instanceof Error ? (
        <p role="alert">{te(corpus)}</p>
      ) : (
        <ModelSummaryTable spec={toySpec(cell, corpus)} layerParams={layerParams} summary={summary} summaryOpen />
      )}
      {error && (
        <p role="alert" className="widget-problem">
          {te(error)}
        </p>
      )}
      <Stat label={t('toy.backend')} value={backend ?? (phase === 'building' ? t('toy.building') : '—')} />
      <ModelExport {...exported} />
    </WidgetShell>
  );
}
