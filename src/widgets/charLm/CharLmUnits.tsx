/**
 * Inside the trained (or imported) LSTM: one unit's hidden or cell value coloured over the text,
 * and a search for the units whose activation tracks a property of the characters.
 */
import { useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { type CharPredicate, markCharacters, topUnits, unitSeries } from '../../engine/unitSearch';
import { CharLmStore } from '../../state/charLmStore';
import { num } from '../../viz/format';
import { TextHeatmap } from '../../viz/TextHeatmap';
import { Button, Controls, NumberField, Select, TextArea, WidgetShell } from '../shell';

const DEFAULT_TEXT = '“Who is that?” said he.\nThe whale, the whale!\nCall me Ishmael.';

export default function CharLmUnits() {
  const t = useT();
  const te = useErrorText();
  const trace = CharLmStore.useStore((s) => s.trace);
  const traceError = CharLmStore.useStore((s) => s.traceError);
  const readText = CharLmStore.useStore((s) => s.readText);
  const phase = CharLmStore.useStore((s) => s.phase);
  const [text, setText] = useState(DEFAULT_TEXT);
  const [layer, setLayer] = useState(0);
  const [kind, setKind] = useState<'c' | 'h'>('c');
  const [unit, setUnit] = useState(0);
  const [predicate, setPredicate] = useState<CharPredicate>('quotes');

  const layers = trace?.layers ?? [];
  const li = Math.min(layer, Math.max(0, layers.length - 1));
  const values = layers[li]?.[kind] ?? [];
  const units = values[0]?.length ?? 0;
  const u = Math.min(unit, Math.max(0, units - 1));
  const chars = trace ? [...trace.text] : [];
  const best = values.length > 1 ? topUnits(values, markCharacters(chars, predicate), 8) : [];

  return (
    <WidgetShell title={t('charLm.units.title')} widget="CharLmUnits" ready={phase !== 'idle' && phase !== 'loading'}>
      <TextArea label={t('charLm.units.text')} value={text} rows={3} onChange={setText} />
      <Controls>
        <Button className="primary" onClick={() => void readText(text)} disabled={phase === 'loading' || phase === 'idle'}>
          {t('charLm.units.run')}
        </Button>
        {layers.length > 0 && (
          <>
            <Select label={t('charLm.units.layer')} value={String(li)} onChange={(v) => setLayer(Number(v))} options={layers.map((_, i) => ({ value: String(i), label: String(i + 1) }))} />
            <Select
              label={t('charLm.units.kind')}
              value={kind}
              onChange={setKind}
              options={[
                { value: 'c', label: t('charLm.units.cell') },
                { value: 'h', label: t('charLm.units.hidden') },
              ]}
            />
            <NumberField label={t('charLm.units.unit')} value={u} min={0} max={Math.max(0, units - 1)} onChange={(v) => setUnit(Math.round(v))} />
            <Select<CharPredicate>
              label={t('charLm.units.predicate')}
              value={predicate}
              onChange={setPredicate}
              options={[
                { value: 'quotes', label: t('charLm.units.quotes') },
                { value: 'lineEnd', label: t('charLm.units.lineEnd') },
                { value: 'wordEnd', label: t('charLm.units.wordEnd') },
                { value: 'vowel', label: t('charLm.units.vowel') },
              ]}
            />
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
          <TextHeatmap text={trace.text} values={unitSeries(values, u)} label={t('charLm.units.heatmap', { unit: u, layer: li + 1 })} />
          <p className="caption">{t('charLm.units.top')}</p>
          <ol className="char-top-units" data-testid="top-units">
            {best.map((b) => (
              <li key={b.unit}>
                <Button onClick={() => setUnit(b.unit)} className={b.unit === u ? 'primary' : undefined}>
                  {t('charLm.units.unit')} {b.unit}: {t('charLm.units.corr')} {num(b.r, 3)}
                </Button>
              </li>
            ))}
          </ol>
        </>
      )}
    </WidgetShell>
  );
}
