/**
 * Chapter 5's cell run backwards: exact backpropagation through time (src/engine/bptt) on the
 * reader's sentence, drawn with the same cell diagram as the forward chapters. L = Σ h_T; the
 * reader picks the cell, the recurrent weight scale (the chapter's |U| < 1 or > 1) and the step.
 */
import { useMemo } from 'react';
import { type StringKey, useT } from '../../book/i18n';
import { backpropThroughTime, dotWithLast, norm } from '../../engine/bptt';
import { DEMO_CELLS, type DemoCell, demoLayer, demoSentence } from '../../engine/gradientDemoInputs';
import { createScopedStore } from '../../state/scopedStore';
import { sci } from '../../viz/format';
import { gatesOf } from '../explorer/gateInfo';
import { Controls, Select, Slider, TextField, WidgetShell } from '../shell';
import { gradientVectors } from './gradientVectors';
import { LiveCell } from './LiveCell';

const FEATURES = 3;
const UNITS = 3;
const MAX_WORDS = 12;

interface Settings {
  sentence: string;
  cell: DemoCell;
  scale: number;
  /** Step shown, counted from the end: 0 is the last word, so a new sentence starts where L is. */
  back: number;
}

const DEFAULTS: Settings = { sentence: 'I grew up in France so I speak fluent French', cell: 'lstm', scale: 0.5, back: 0 };

const Store = createScopedStore<Settings & { set(patch: Partial<Settings>): void; reset(): void }, Settings>(
  'GradientCell',
  (set) => ({ ...DEFAULTS, set: (patch) => set(patch), reset: () => set(DEFAULTS) }),
  {
    persist: {
      version: 1,
      partialize: ({ sentence, cell, scale, back }) => ({ sentence, cell, scale, back }),
      merge: (saved, current) => {
        const s = (saved ?? {}) as Partial<Settings>;
        return {
          ...current,
          sentence: typeof s.sentence === 'string' && s.sentence.length <= 400 ? s.sentence : DEFAULTS.sentence,
          cell: DEMO_CELLS.includes(s.cell as DemoCell) ? (s.cell as DemoCell) : DEFAULTS.cell,
          scale: typeof s.scale === 'number' && s.scale >= 0.1 && s.scale <= 4 ? s.scale : DEFAULTS.scale,
          back: Number.isInteger(s.back) && s.back! >= 0 && s.back! < MAX_WORDS ? s.back! : 0,
        };
      },
    },
  },
);

const KIND = { simpleRNN: 'rnn', lstm: 'lstm', gru: 'gru' } as const;

function GradientCellView() {
  const t = useT();
  const { sentence, cell, scale, back, set, reset } = Store.useStore((s) => s);
  const { tokens, vectors } = useMemo(() => demoSentence(sentence, FEATURES, MAX_WORDS), [sentence]);
  const result = useMemo(() => {
    if (vectors.length === 0) return null;
    const layer = demoLayer(cell, { units: UNITS, features: FEATURES, recurrentScale: scale });
    return backpropThroughTime(layer, vectors, dotWithLast(new Float32Array(UNITS).fill(1)), { steps: true });
  }, [vectors, cell, scale]);
  const last = tokens.length - 1;
  const time = Math.max(0, last - Math.min(back, last));
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
    <WidgetShell title={t('cell.grad.title')} description={t('cell.grad.description')} onReset={reset} widget="GradientCell">
      <Controls>
        <TextField label={t('cell.grad.sentence')} value={sentence} maxLength={400} wide onChange={(v) => set({ sentence: v })} />
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
          <Slider
            label={t('cell.grad.step')}
            value={time}
            min={0}
            max={last}
            onChange={(v) => set({ back: last - v })}
            format={(v) => t('explorer.timeValue', { step: v + 1, steps: tokens.length, token: tokens[v] ?? '' })}
          />
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
  return (
    <Store.Provider storageKey="gradients-cell">
      <GradientCellView />
    </Store.Provider>
  );
}
