/**
 * The real tfjs model's summary() beside our own arithmetic for each layer, and whether the two
 * agree. Building the model here is what starts the lab's worker.
 */
import { useEffect } from 'react';
import { useT } from '../../book/i18n';
import { describeModel, shapeToString } from '../../engine/paramCount';
import { toySpec } from '../../state/toyLabStore';
import { Stat, WidgetShell } from '../shell';
import { useToyCorpus, useToyLab } from './useToyLab';

export default function ToyModelSummary() {
  const t = useT();
  const corpus = useToyCorpus();
  const cell = useToyLab((s) => s.cell);
  const summary = useToyLab((s) => s.summary);
  const layerParams = useToyLab((s) => s.layerParams);
  const backend = useToyLab((s) => s.backend);
  const phase = useToyLab((s) => s.phase);
  const error = useToyLab((s) => s.error);
  const build = useToyLab((s) => s.build);

  // Rebuild when the data changes shape; build() itself skips work when nothing changed.
  useEffect(() => {
    void build();
  }, [build, corpus]);

  if (corpus instanceof Error) return <WidgetShell title={t('toy.summary.title')} widget="ToyModelSummary"><p role="alert">{corpus.message}</p></WidgetShell>;
  const mine = describeModel(toySpec(cell, corpus));

  return (
    <WidgetShell title={t('toy.summary.title')} widget="ToyModelSummary">
      <table className="compact" data-testid="param-table">
        <thead>
          <tr>
            <th scope="col">{t('toy.summary.layer')}</th>
            <th scope="col">{t('toy.summary.output')}</th>
            <th scope="col">{t('toy.summary.ours')}</th>
            <th scope="col">tfjs</th>
          </tr>
        </thead>
        <tbody>
          {mine.rows.map((row, i) => {
            const theirs = layerParams[i]?.params;
            return (
              <tr key={row.name}>
                <td>
                  <code>
                    {row.name} ({row.className})
                  </code>
                </td>
                <td>
                  <code>{shapeToString(row.outputShapes[0])}</code>
                </td>
                <td>
                  <code>{row.formula}</code>
                </td>
                <td data-match={theirs === undefined ? 'pending' : theirs === row.params ? 'yes' : 'no'}>
                  {theirs === undefined ? '…' : `${theirs.toLocaleString('en-US')} ${theirs === row.params ? '✓' : '✗'}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && <p role="alert" className="widget-problem">{error}</p>}
      <Stat label={t('toy.backend')} value={backend ?? (phase === 'building' ? t('toy.building') : '—')} />
      {summary.length > 0 && (
        <details open>
          <summary>{t('toy.summary.tfjs')}</summary>
          <pre className="summary-lines" data-testid="tfjs-summary">{summary.join('\n')}</pre>
        </details>
      )}
    </WidgetShell>
  );
}
