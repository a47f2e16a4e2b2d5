/**
 * Recipe 16: a text becomes ids, the ids an N × (M·K) grid, the grid K batches of N × M, and
 * each batch its targets. Columns are coloured by the batch they belong to; the last target of
 * each row is marked when the source's rule wraps it to the window's first input.
 */
import { useErrorText, useT } from '../../book/i18n';
import { batchLayout, buildCharVocabulary, charBatch, encodeChars, reshapeRows } from '../../engine/charBatches';
import { CharBatchesStore as Store } from '../../state/charBatchesStore';
import { visibleChar } from '../../viz/visibleChar';
import { Button, Controls, NumberField, Select, Slider, TextArea, WidgetShell } from '../shell';
import { useMobyDickInfo } from './useMobyDick';

const SHOWN_IDS = 48;
const SHOWN_BATCHES = 4;
const BATCH_COLOURS = 6;

function Cell({ char, id, batch, marked, title }: { char: string; id: number; batch?: number; marked?: boolean; title?: string }) {
  const classes = ['char-cell', batch === undefined ? '' : `char-batch-${batch % BATCH_COLOURS}`, marked ? 'char-cell-wrapped' : ''].filter(Boolean).join(' ');
  return (
    <span className={classes} title={title ?? `${JSON.stringify(char)} → ${id}`} data-wrapped={marked ? 'true' : undefined}>
      <span className="char-cell-char">{visibleChar(char)}</span>
      <span className="char-cell-id">{id}</span>
    </span>
  );
}

function CharBatchesView() {
  const t = useT();
  const te = useErrorText();
  const { info, error } = useMobyDickInfo();
  const { numSeqs, numSteps, wrap, k, text, set, reset } = Store.useStore((s) => s);
  const source = text ?? info?.firstChapter ?? '';
  const vocab = buildCharVocabulary(source);
  const ids = encodeChars(source, vocab);
  const layout = batchLayout(ids.length, numSeqs, numSteps, wrap);
  const batchIndex = Math.min(k, Math.max(0, layout.numBatches - 1));
  const batch = layout.numBatches > 0 ? charBatch(ids, layout, batchIndex, wrap) : null;
  const grid = layout.numBatches > 0 ? reshapeRows(ids, layout) : [];
  const shownCols = Math.min(layout.rowLength, SHOWN_BATCHES * numSteps);
  const char = (id: number) => vocab.chars[id];

  return (
    <WidgetShell link={Store.useLink()} title={t('charLm.batches.title')} widget="CharBatches" onReset={reset} ready={text !== null || info !== null || error !== null}>
      {error && <p role="alert" className="widget-problem">{te(error)}</p>}
      {!info && !error && text === null && <p role="status">{t('charLm.batches.loading')}</p>}
      <TextArea label={t('charLm.batches.text')} value={source} rows={3} onChange={(v) => set({ text: v.replace(/\r\n?/g, '\n') })} />
      {text !== null && info && <Button onClick={() => set({ text: null })}>{t('charLm.own.useMoby')}</Button>}
      <Controls>
        <NumberField label={t('charLm.batches.n')} value={numSeqs} min={1} max={64} onChange={(v) => set({ numSeqs: Math.round(v), k: 0 })} />
        <NumberField label={t('charLm.batches.m')} value={numSteps} min={1} max={200} onChange={(v) => set({ numSteps: Math.round(v), k: 0 })} />
        <Select
          label={t('charLm.batches.wrap')}
          value={wrap}
          onChange={(v) => set({ wrap: v })}
          options={[
            { value: 'source', label: t('charLm.batches.wrapSource') },
            { value: 'next', label: t('charLm.batches.wrapNext') },
          ]}
        />
        {layout.numBatches > 1 && (
          <Slider label={t('charLm.batches.batch')} value={batchIndex} min={0} max={layout.numBatches - 1} onChange={(v) => set({ k: v })} format={(v) => `k = ${v}`} />
        )}
      </Controls>

      <h4 className="char-step">{t('charLm.batches.ids', { n: Math.min(SHOWN_IDS, ids.length), total: ids.length })}</h4>
      <div className="char-strip" data-testid="batch-ids">
        {Array.from(ids.subarray(0, SHOWN_IDS), (id, i) => (
          <Cell key={i} char={char(id)} id={id} />
        ))}
      </div>

      {layout.numBatches === 0 ? (
        <p role="alert" className="widget-problem">{t('charLm.batches.none', { size: numSeqs * numSteps })}</p>
      ) : (
        <>
          <h4 className="char-step" data-testid="batch-grid-title">
            {t('charLm.batches.grid', { n: numSeqs, cols: layout.rowLength, dropped: layout.dropped })} · K = {layout.numBatches}
          </h4>
          <div className="scroll-x" tabIndex={0}>
            <div className="char-grid" data-testid="batch-grid">
              {grid.map((row, r) => (
                <div key={r} className="char-row">
                  {Array.from(row.subarray(0, shownCols), (id, c) => (
                    <Cell key={c} char={char(id)} id={id} batch={Math.floor(c / numSteps)} />
                  ))}
                  {shownCols < layout.rowLength && <span className="char-more">…</span>}
                </div>
              ))}
            </div>
          </div>
          {batch && (
            <div className="char-columns">
              <div>
                <h4 className="char-step">{t('charLm.batches.window', { k: batchIndex, batches: layout.numBatches })}</h4>
                <div className="scroll-x" tabIndex={0}>
                  <div className="char-grid" data-testid="batch-x">
                    {batch.x.map((row, r) => (
                      <div key={r} className="char-row">
                        {Array.from(row, (id, c) => (
                          <Cell key={c} char={char(id)} id={id} batch={batchIndex} />
                        ))}
                      </div>
                    ))}
                  </div>
                </div>
              </div>
              <div>
                <h4 className="char-step">{t('charLm.batches.targets')}</h4>
                <div className="scroll-x" tabIndex={0}>
                  <div className="char-grid" data-testid="batch-y">
                    {batch.y.map((row, r) => (
                      <div key={r} className="char-row">
                        {Array.from(row, (id, c) => {
                          const wrapped = wrap === 'source' && c === numSteps - 1;
                          return <Cell key={c} char={char(id)} id={id} batch={batchIndex} marked={wrapped} title={wrapped ? t('charLm.batches.wrapped') : undefined} />;
                        })}
                      </div>
                    ))}
                  </div>
                </div>
                {wrap === 'source' && (
                  <p className="caption">
                    <span className="char-cell char-cell-wrapped char-legend" aria-hidden="true" /> {t('charLm.batches.wrapped')}
                  </p>
                )}
              </div>
            </div>
          )}
        </>
      )}
    </WidgetShell>
  );
}

export default function CharBatches() {
  return (
    <Store.Linked param="char-batches">
      <CharBatchesView />
    </Store.Linked>
  );
}
