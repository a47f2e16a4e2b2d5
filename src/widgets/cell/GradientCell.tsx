/**
 * Chapter 5's cell run backwards: exact backpropagation through time (src/engine/bptt) on the
 * reader's sentence, drawn with the same cell diagram as the forward chapters. L = Σ h_T; the
 * reader picks the cell, the recurrent weight scale (the chapter's |U| < 1 or > 1) and the step;
 * Play walks back from the last word to the first, in the order backpropagation visits them.
 */
import { useEffect, useMemo, useState } from 'react';
import { type StringKey, useLocale, useT } from '../../book/i18n';
import { backpropThroughTime, dotWithLast, norm } from '../../engine/bptt';
import { DEMO_CELLS, type DemoCell, demoLayer, demoSentence } from '../../engine/gradientDemoInputs';
import { GRADIENT_CELL_MAX_SENTENCE, GRADIENT_CELL_MAX_WORDS, GRADIENT_CELL_PARAM, type GradientCellSettings, type GradientCellState, GradientCellStore as Store, gradientCellLink } from '../../state/gradientCellStore';
import { LinkNotes, type StoreLink, useStoreLink, useStoreLinks } from '../../state/storeLinks';
import { sci } from '../../viz/format';
import { gatesOf } from '../explorer/gateInfo';
import { Button, Controls, Select, Slider, TextField, WidgetShell } from '../shell';
import { exampleSentences } from './exampleSentences';
import { gradientVectors } from './gradientVectors';
import { LiveCell } from './LiveCell';
// The play bar is laid out like the explorer's time bar.
import '../explorer/explorer.css';

const FEATURES = 3;
const UNITS = 3;
const TICK_MS = 900;

const KIND = { simpleRNN: 'rnn', lstm: 'lstm', gru: 'gru' } as const;

function GradientCellView({ link }: { link: StoreLink<GradientCellState, GradientCellSettings> }) {
  const t = useT();
  const shellLink = useStoreLink(Store.useStoreApi(), link);
  const { sentence, cell, scale, back, playing, set, reset } = Store.useStore((s) => s);
  const { tokens, vectors } = useMemo(() => demoSentence(sentence, FEATURES, GRADIENT_CELL_MAX_WORDS), [sentence]);
  const result = useMemo(() => {
    if (vectors.length === 0) return null;
    const layer = demoLayer(cell, { units: UNITS, features: FEATURES, recurrentScale: scale });
    return backpropThroughTime(layer, vectors, dotWithLast(new Float32Array(UNITS).fill(1)), { steps: true });
  }, [vectors, cell, scale]);
  const last = tokens.length - 1;
  const time = Math.max(0, last - Math.min(back, last));

  useEffect(() => {
    if (!playing) return;
    if (time <= 0) {
      set({ playing: false });
      return;
    }
    const timer = setTimeout(() => set({ back: last - (time - 1) }), TICK_MS);
    return () => clearTimeout(timer);
  }, [playing, time, last, set]);
  const step = result?.stepGradients?.[time];
  const kind = KIND[cell];
  const gates = useMemo(() => gatesOf(kind, t), [kind, t]);
  const gradient = useMemo(() => (step ? gradientVectors(cell, step, UNITS) : undefined), [step, cell]);
  const rows = useMemo(() => {
    if (!step) return [];
    const out = [
      { header: t('cell.grad.dh'), values: Array.from(step.dh) },
      ...(step.dc ? [{ header: t('cell.grad.dc'), values: Array.from(step.dc) }] : []),
      ...gates.map((g, k) => ({ header: t('cell.grad.dz', { gate: g.name }), values: Array.from(step.dz.subarray(k * UNITS, (k + 1) * UNITS)) })),
      { header: t('cell.grad.dhPrev'), values: Array.from(step.dhPrev) },
      ...(step.dcPrev ? [{ header: t('cell.grad.dcPrev'), values: Array.from(step.dcPrev) }] : []),
      { header: t('cell.grad.dx'), values: Array.from(step.dx) },
    ];
    return out;
  }, [step, gates, t]);

  return (
    <WidgetShell title={t('cell.grad.title')} description={t('cell.grad.description')} onReset={reset} widget="GradientCell" link={shellLink}>
      <Controls>
        <TextField label={t('cell.grad.sentence')} value={sentence} maxLength={GRADIENT_CELL_MAX_SENTENCE} wide onChange={(v) => set({ sentence: v })} />
        <Select<DemoCell>
          label={t('cell.grad.cell')}
          value={cell}
          onChange={(v) => set({ cell: v })}
          options={DEMO_CELLS.map((c) => ({ value: c, label: t(`gradients.cell.${c}` as StringKey) }))}
        />
        <Slider label={t('cell.grad.scale')} value={scale} min={0.1} max={4} step={0.1} format={(v) => `×${v.toFixed(1)}`} onChange={(v) => set({ scale: v })} />
      </Controls>
      {!step || !gradient ? (
        <p role="alert" className="widget-problem">
          {t('cell.grad.empty')}
        </p>
      ) : (
        <>
          <div className="explorer-timebar">
            <Button
              onClick={() => set(playing ? { playing: false } : { playing: true, back: time <= 0 ? 0 : back })}
              aria-pressed={playing}
              disabled={tokens.length < 2}
            >
              {playing ? t('explorer.pause') : t('cell.grad.play')}
            </Button>
            <Slider
              label={t('cell.grad.step')}
              value={time}
              min={0}
              max={last}
              onChange={(v) => set({ back: last - v, playing: false })}
              format={(v) => t('explorer.timeValue', { step: v + 1, steps: tokens.length, token: tokens[v] ?? '' })}
            />
            <span className="visually-hidden" data-time={time}>
              {t('explorer.timeValue', { step: time + 1, steps: tokens.length, token: tokens[time] ?? '' })}
            </span>
          </div>
          <p className="caption" data-testid="grad-norms">
            {t('cell.grad.norms', { dh: sci(norm(step.dh)), dx: sci(norm(step.dx)) })}
          </p>
          <LiveCell
            id="gradient-cell"
            kind={kind}
            units={UNITS}
            inputDim={FEATURES}
            step={undefined}
            time={time}
            token={tokens[time] ?? ''}
            cellName={t(`gradients.cell.${cell}` as StringKey)}
            gradient={gradient}
            tableRows={rows}
          />
        </>
      )}
    </WidgetShell>
  );
}

export default function GradientCell() {
  const example = exampleSentences(useLocale()).gradient;
  const [link] = useState(() => gradientCellLink(example));
  const { start: linked, notes } = useStoreLinks([link]);
  return (
    <LinkNotes notes={notes}>
      <Store.Provider storageKey={GRADIENT_CELL_PARAM} init={{ sentence: example, linked }}>
        <GradientCellView link={link} />
      </Store.Provider>
    </LinkNotes>
  );
}
