/**
 * Inside the trained (or imported) LSTM: one unit's hidden or cell value coloured over the text,
 * a search for the units whose activation tracks a property of the characters (the properties
 * the text has characters for: quotes, 「」, 。！？, line ends, word ends, vowels), and the first
 * layer's cell at a picked character, drawn as the book's cell diagram and tied to the heatmap:
 * picking a character in the heatmap draws that step, picking a unit on the drawing shows it in
 * the heatmap.
 */
import { useEffect, useMemo } from 'react';
import { type StringKey, useErrorText, useT } from '../../book/i18n';
import { type CharPredicate, availablePredicates, markCharacters, topUnits, unitSeries } from '../../engine/unitSearch';
import { CharLmStore } from '../../state/charLmStore';
import { CharLmUnitsStore, UNITS_MAX_TEXT } from '../../state/charLmUnitsStore';
import { num } from '../../viz/format';
import { TextHeatmap } from '../../viz/TextHeatmap';
import { visibleChar } from '../../viz/visibleChar';
import { Button, Controls, NumberField, Select, TextArea, WidgetShell } from '../shell';
import { CharLmCell } from './CharLmCell';

export default function CharLmUnits() {
  return (
    <CharLmUnitsStore.Linked param="char-lm-units">
      <Units />
    </CharLmUnitsStore.Linked>
  );
}

function Units() {
  const t = useT();
  const te = useErrorText();
  const trace = CharLmStore.useStore((s) => s.trace);
  const traceError = CharLmStore.useStore((s) => s.traceError);
  const readText = CharLmStore.useStore((s) => s.readText);
  const phase = CharLmStore.useStore((s) => s.phase);
  const cell = CharLmStore.useStore((s) => s.cell);
  const cellError = CharLmStore.useStore((s) => s.cellError);
  const readCell = CharLmStore.useStore((s) => s.readCell);
  const { text, layer, kind, unit, predicate, at, set, reset } = CharLmUnitsStore.useStore((s) => s);
  const link = CharLmUnitsStore.useLink();
  const modelReady = phase === 'ready' || phase === 'training';

  // Read the text once a model is there, so the heatmap (and a linked state) shows without a click.
  useEffect(() => {
    if (modelReady && !trace && !traceError) void readText(text);
    // Not on `text`: only when the model arrives or the trace is cleared; a text being typed waits for the button.
  }, [modelReady, trace, traceError, readText]);

  // Per trace and pick, not per render: a render comes with every arrow key and every worker answer.
  const chars = useMemo(() => (trace ? [...trace.text] : []), [trace]);
  const picked = Math.min(at, Math.max(0, chars.length - 1));
  // The first layer's step at the picked character: asked of the worker whenever the trace (a new
  // text or model) or the pick changes.
  const traced = trace?.text;
  useEffect(() => {
    if (trace) void readCell(trace.text, picked);
  }, [trace, picked, readCell]);

  const layers = trace?.layers ?? [];
  const li = Math.min(layer, Math.max(0, layers.length - 1));
  const values = layers[li]?.[kind] ?? [];
  const units = values[0]?.length ?? 0;
  const u = Math.min(unit, Math.max(0, units - 1));
  const offered = useMemo(() => availablePredicates(chars), [chars]);
  const property: CharPredicate | null = offered.includes(predicate) ? predicate : (offered[0] ?? null);
  const best = useMemo(() => (values.length > 1 && property ? topUnits(values, markCharacters(chars, property), 8) : []), [values, chars, property]);
  const series = unitSeries(values, u);
  // The worker's answer for this very character (an older pick's answer may still be on its way).
  const answer = cell && cell.text === traced && cell.at === picked ? cell : null;

  return (
    <WidgetShell title={t('charLm.units.title')} widget="CharLmUnits" ready={phase !== 'idle' && phase !== 'loading'} link={link} onReset={reset}>
      <TextArea label={t('charLm.units.text')} value={text} rows={3} maxLength={UNITS_MAX_TEXT} onChange={(v) => set({ text: v })} />
      <Controls>
        <Button className="primary" onClick={() => void readText(text)} disabled={phase === 'loading' || phase === 'idle'}>
          {t('charLm.units.run')}
        </Button>
        {layers.length > 0 && (
          <>
            <Select label={t('charLm.units.layer')} value={String(li)} onChange={(v) => set({ layer: Number(v) })} options={layers.map((_, i) => ({ value: String(i), label: String(i + 1) }))} />
            <Select
              label={t('charLm.units.kind')}
              value={kind}
              onChange={(v) => set({ kind: v })}
              options={[
                { value: 'c', label: t('charLm.units.cell') },
                { value: 'h', label: t('charLm.units.hidden') },
              ]}
            />
            <NumberField label={t('charLm.units.unit')} value={u} min={0} max={Math.max(0, units - 1)} onChange={(v) => set({ unit: Math.round(v) })} />
            {property && (
              <Select<CharPredicate>
                label={t('charLm.units.predicate')}
                value={property}
                onChange={(v) => set({ predicate: v })}
                options={offered.map((p) => ({ value: p, label: t(`charLm.units.${p}` as StringKey) }))}
              />
            )}
          </>
        )}
      </Controls>
      {traceError && (
        <p role="alert" className="widget-problem">
          {te(traceError)}
        </p>
      )}
      {trace && values.length > 0 && (
        <>
          <p className="caption">{t('charLm.units.pick')}</p>
          <TextHeatmap
            text={trace.text}
            values={series}
            label={t('charLm.units.heatmap', { unit: u, layer: li + 1 })}
            picked={picked}
            onPick={(i) => set({ at: i })}
            pickText={(i, v) => t('charLm.units.pickText', { at: i + 1, count: chars.length, char: visibleChar(chars[i] ?? ''), value: num(v, 3) })}
          />
          {property ? (
            <>
              <p className="caption">{t('charLm.units.top')}</p>
              <ol className="char-top-units" data-testid="top-units">
                {best.map((b) => (
                  <li key={b.unit}>
                    <Button onClick={() => set({ unit: b.unit })} aria-pressed={b.unit === u}>
                      {t('charLm.units.unit')} {b.unit}: {t('charLm.units.corr')} {num(b.r, 3)}
                    </Button>
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <p className="caption">{t('charLm.units.noProperty')}</p>
          )}
          {cellError && (
            <p role="alert" className="widget-problem">
              {te(cellError)}
            </p>
          )}
          {answer?.step ? (
            // The drawing is the first layer: a unit picked on it is shown in the heatmap of that layer.
            <CharLmCell cell={answer.step} unit={li === 0 ? u : unit} onUnit={(next) => set({ unit: next, layer: 0 })} />
          ) : (
            !cellError && <p role="status">{answer ? t('charLm.cell.none') : t('charLm.cell.loading')}</p>
          )}
        </>
      )}
    </WidgetShell>
  );
}
