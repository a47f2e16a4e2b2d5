/**
 * A model's parameters twice: our own arithmetic per layer (engine/paramCount.ts, from the
 * ModelSpec) beside the count tfjs reports for the built model, each row marked ✓ when they
 * agree, then tfjs' own model.summary() text. tfjs figures may be absent while the model builds.
 *
 *   <ModelSummaryTable spec={spec} layerParams={built?.layerParams} summary={built?.summary} />
 */
import { useT } from '../../book/i18n';
import { describeModel, formatCount, shapeToString } from '../../engine/paramCount';
import type { ModelSpec } from '../../engine/spec';

export interface ModelSummaryTableProps {
  spec: ModelSpec;
  /** Per-layer counts from tfjs (layer.countParams()), in layer order. */
  layerParams?: { name: string; params: number }[];
  /** Lines of tfjs' model.summary(). */
  summary?: string[];
  /** Open the summary text by default. */
  summaryOpen?: boolean;
  testId?: string;
}

export function ModelSummaryTable({ spec, layerParams = [], summary = [], summaryOpen = false, testId = 'param-table' }: ModelSummaryTableProps) {
  const t = useT();
  const mine = describeModel(spec);
  const theirsTotal = layerParams.length === mine.rows.length ? layerParams.reduce((s, l) => s + l.params, 0) : undefined;
  const cell = (theirs: number | undefined, ours: number) => (
    <td data-match={theirs === undefined ? 'pending' : theirs === ours ? 'yes' : 'no'}>
      {theirs === undefined ? '…' : `${formatCount(theirs)} ${theirs === ours ? '✓' : '✗'}`}
    </td>
  );
  return (
    <>
      <div className="table-scroll" tabIndex={0}>
        <table className="compact model-summary" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{t('modelSummary.layer')}</th>
              <th scope="col">{t('modelSummary.output')}</th>
              <th scope="col">{t('modelSummary.ours')}</th>
              <th scope="col">tfjs</th>
            </tr>
          </thead>
          <tbody>
            {mine.rows.map((row, i) => (
              <tr key={row.name}>
                <td>
                  <code>
                    {row.name} ({row.className})
                  </code>
                </td>
                <td>
                  <code>{row.outputShapes.map(shapeToString).join(', ')}</code>
                </td>
                <td>
                  <code>{row.formula}</code>
                </td>
                {cell(layerParams[i]?.params, row.params)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('modelSummary.total')}
              </th>
              <td>
                <code>{formatCount(mine.totalParams)}</code>
              </td>
              {cell(theirsTotal, mine.totalParams)}
            </tr>
          </tfoot>
        </table>
      </div>
      {summary.length > 0 ? (
        <details open={summaryOpen}>
          <summary>{t('modelSummary.tfjsSummary')}</summary>
          <pre className="summary-lines" data-testid="tfjs-summary" tabIndex={0}>
            {summary.join('\n')}
          </pre>
        </details>
      ) : (
        layerParams.length === 0 && <p role="status">{t('modelSummary.pending')}</p>
      )}
    </>
  );
}
