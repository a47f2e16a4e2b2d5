/**
 * Recipe 9's playground: every argument of a Keras/tfjs recurrent layer, and what it does to the
 * output shapes, the parameter count (ours beside tfjs'), and the code in both frameworks.
 */
import { useEffect, useMemo, useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { describeModel, formatCount } from '../../engine/paramCount';
import { type LayerArgsState, LayerArgsStore, layerArgsLink } from '../../state/layerArgsStore';
import { LinkNotes, type StoreLink, useStoreLink, useStoreLinks } from '../../state/storeLinks';
import type { ModelSpec } from '../../engine/spec';
import { Stat, WidgetShell } from '../shell';
import { ArgControls } from './ArgControls';
import { compareRows, shapesToString } from './compare';
import { type LayerArgsConfig, configNotes, configProblems, configToSpec } from '../../engine/layerArgsConfig';
import { exampleInput } from '../../engine/notebook/exampleInput';
import { ModelExport, type PythonExport } from '../shared/ModelExport';

const COMBOS = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

/** The top recurrent layer's outputs for each return_sequences × return_state pair. */
function comboShapes(config: LayerArgsConfig): string[] {
  return COMBOS.map(([returnSequences, returnState]) => {
    const rows = describeModel(configToSpec({ ...config, returnSequences, returnState, denseHead: false })).rows;
    return shapesToString(rows[rows.length - 1].outputShapes);
  });
}

/** The playground's model as built, untrained, with tfjs' prediction for a seeded example. */
async function playgroundExport(spec: ModelSpec, forPython: LayerArgsState['forPython'], description: string): Promise<PythonExport> {
  const { backend, weights, example } = await forPython(spec, exampleInput(spec));
  return { spec, weights, backend, trained: null, example: { ...example, description } };
}

function Playground() {
  const t = useT();
  const te = useErrorText();
  const config = LayerArgsStore.useStore((s) => s.config);
  const tfjs = LayerArgsStore.useStore((s) => s.tfjs);
  const inspect = LayerArgsStore.useStore((s) => s.inspect);

  const spec = useMemo(() => configToSpec(config), [config]);
  const key = JSON.stringify(spec);
  const mine = useMemo(() => describeModel(spec), [spec]);
  const problems = configProblems(config);
  const notes = configNotes(config);
  const combos = useMemo(() => comboShapes(config), [config]);
  const forPython = LayerArgsStore.useStore((s) => s.forPython);

  useEffect(() => {
    // A setting tfjs refuses is explained instead of built: the reason is the answer.
    if (problems.length === 0) inspect(spec);
    // spec follows key; keying on the JSON skips rebuilding for an equal spec.
  }, [key, problems.length, inspect]);

  const current = problems.length === 0 && tfjs?.key === key ? tfjs : null;
  const report = current?.status === 'ready' ? current.report : undefined;
  const rows = compareRows(mine.rows, report?.layers);
  const refusal = problems
    .map((p) => t(p.scope === 'tfjs' ? 'layerArgs.unsupported' : 'layerArgs.refused', { reason: `${p.arg}: ${t(p.key)}` }))
    .join(' ');
  const tfjsCell = (content: string) => (refusal ? <span className="widget-problem">{refusal}</span> : current?.status === 'error' ? <span className="widget-problem">{te(current.error)}</span> : content);

  return (
    <>
      <ArgControls />

      {notes.length > 0 && (
        <ul className="layer-args-notes" data-testid="notes">
          {notes.map((n) => (
            <li key={n.key}>{t(n.key, n.params)}</li>
          ))}
        </ul>
      )}
      {problems.map((p) => (
        <p key={p.key} role="alert" className="widget-problem" data-testid="problem">
          {t(p.scope === 'tfjs' ? 'layerArgs.unsupported' : 'layerArgs.refused', { reason: `${p.arg}: ${t(p.key)}` })}
        </p>
      ))}

      <div className="scroll-x layer-args-tables" tabIndex={0}>
        <table className="compact layer-args-table" data-testid="layer-table">
          <thead>
            <tr>
              <th scope="col">{t('layerArgs.table.layer')}</th>
              <th scope="col">{t('layerArgs.table.shapes')}</th>
              <th scope="col">{t('layerArgs.table.ours')}</th>
              <th scope="col">{t('layerArgs.table.tfjs')}</th>
              <th scope="col">{t('layerArgs.table.tfjsShapes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ ours, theirs, agrees }, i) => (
              <tr key={ours.name} data-match={agrees === undefined ? 'pending' : agrees ? 'yes' : 'no'}>
                <td>
                  <code>
                    {ours.name} ({ours.className})
                  </code>
                </td>
                <td>
                  <code data-testid={`shape-${i}`}>{shapesToString(ours.outputShapes)}</code>
                </td>
                <td>
                  <code data-testid={`formula-${i}`}>{ours.formula}</code>
                </td>
                <td data-testid={`tfjs-params-${i}`}>
                  {tfjsCell(theirs ? `${formatCount(theirs.params)} ${agrees ? '✓' : '✗'}` : t('layerArgs.pending'))}
                </td>
                <td>{refusal || current?.status === 'error' ? '—' : theirs ? <code>{shapesToString(theirs.outputShapes)}</code> : '…'}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('layerArgs.table.total')}</th>
              <td />
              <td>
                <strong data-testid="total-ours">{formatCount(mine.totalParams)}</strong>
              </td>
              <td data-testid="total-tfjs">
                {report ? `${formatCount(report.totalParams)} ${report.totalParams === mine.totalParams ? '✓' : '✗'}` : refusal ? '—' : '…'}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <Stat label={t('layerArgs.backend')} value={current?.status === 'ready' ? current.backend : refusal ? '—' : t('layerArgs.pending')} />

      <h4 className="layer-args-heading">{t('layerArgs.combos')}</h4>
      <div className="scroll-x layer-args-tables" tabIndex={0}>
        <table className="compact" data-testid="combo-table">
          <thead>
            <tr>
              <th scope="col">return_sequences</th>
              <th scope="col">return_state</th>
              <th scope="col">{t('layerArgs.combos.outputs')}</th>
            </tr>
          </thead>
          <tbody>
            {COMBOS.map(([rs, st], i) => (
              <tr key={i} aria-current={rs === config.returnSequences && st === config.returnState ? 'true' : undefined}>
                <td>{rs ? 'True' : 'False'}</td>
                <td>{st ? 'True' : 'False'}</td>
                <td>
                  <code>{combos[i]}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {report && (
        <details>
          <summary>{t('layerArgs.summary')}</summary>
          <pre className="summary-lines" data-testid="tfjs-summary" tabIndex={0}>
            {report.summary.join('\n')}
          </pre>
        </details>
      )}

      <ModelExport
        spec={spec}
        summary={t('layerArgs.notebookSummary')}
        name="unrolled-layer-playground"
        // A model tfjs refuses has no weights to carry; its code still shows why.
        prepare={problems.length > 0 ? null : () => playgroundExport(spec, forPython, t('notebook.example.random'))}
        open
      />
    </>
  );
}

function Shell({ link }: { link: StoreLink<LayerArgsState, LayerArgsConfig> }) {
  const t = useT();
  const reset = LayerArgsStore.useStore((s) => s.reset);
  const shellLink = useStoreLink(LayerArgsStore.useStoreApi(), link);
  const config = LayerArgsStore.useStore((s) => s.config);
  const tfjs = LayerArgsStore.useStore((s) => s.tfjs);
  // Ready once tfjs has answered for the current setting, or the setting is one tfjs refuses.
  const key = JSON.stringify(configToSpec(config));
  const ready = configProblems(config).length > 0 || (tfjs !== null && tfjs.key === key && tfjs.status !== 'building');
  return (
    <WidgetShell link={shellLink} title={t('layerArgs.title')} widget="LayerPlayground" onReset={reset} ready={ready} description={t('layerArgs.description')}>
      <Playground />
    </WidgetShell>
  );
}

/** `storageKey` also names the playground's link parameter and anchor. */
export default function LayerPlayground({ storageKey = 'layer-args' }: { storageKey?: string }) {
  const [link] = useState(() => layerArgsLink(storageKey));
  const { start, notes } = useStoreLinks([link]);
  return (
    <LinkNotes notes={notes}>
      <LayerArgsStore.Provider storageKey={storageKey} init={start}>
        <Shell link={link} />
      </LayerArgsStore.Provider>
    </LinkNotes>
  );
}
