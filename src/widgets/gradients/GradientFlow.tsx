/**
 * Per-word gradient magnitudes for a SimpleRNN, an LSTM and a GRU on the reader's sentence. All
 * three get the same seeded weights recipe and the same recurrent scale; the bars (log scale)
 * show ‖∂h_T/∂h_t‖ and ‖∂L/∂x_t‖ from the engine's exact backpropagation through time.
 */
import { useMemo } from 'react';
import { type StringKey, useT } from '../../book/i18n';
import { DEMO_CELLS, type DemoCell, SCALE_PRESETS, demoLayer, demoSentence, gradientProfile } from '../../engine/gradientDemoInputs';
import { GradientFlowStore as Store } from '../../state/gradientsStores';
import { BarChart, type BarSeries } from '../../viz/BarChart';
import { sci } from '../../viz/format';
import { Button, Controls, Slider, Stat, TextField, WidgetShell } from '../shell';
import { textLang } from '../shared/textLang';

const COLORS: Record<DemoCell, string> = { simpleRNN: 'var(--accent)', lstm: 'var(--accent-2)', gru: 'var(--pos)' };
const cellName = (cell: DemoCell): StringKey => `gradients.cell.${cell}`;
const MAX_WORDS = 24;

function GradientFlowView() {
  const t = useT();
  const sentence = Store.useStore((s) => s.sentence);
  const units = Store.useStore((s) => s.units);
  const scale = Store.useStore((s) => s.scale);
  const set = Store.useStore((s) => s.set);
  const reset = Store.useStore((s) => s.reset);

  const { tokens, vectors } = useMemo(() => demoSentence(sentence, undefined, MAX_WORDS), [sentence]);
  const profiles = useMemo(
    () => (vectors.length === 0 ? [] : DEMO_CELLS.map((cell) => ({ cell, ...gradientProfile(demoLayer(cell, { units, recurrentScale: scale }), vectors) }))),
    [vectors, units, scale],
  );
  const series = (pick: (p: (typeof profiles)[number]) => number[]): BarSeries[] =>
    profiles.map((p) => ({ id: p.cell, label: t(cellName(p.cell)), values: pick(p), color: COLORS[p.cell] }));

  return (
    <WidgetShell link={Store.useLink()} title={t('gradients.flow.title')} description={t('gradients.flow.description')} onReset={reset} widget="GradientFlow">
      <Controls>
        <TextField label={t('gradients.flow.sentence')} value={sentence} maxLength={400} wide onChange={(v) => set({ sentence: v })} />
        <Slider label={t('gradients.flow.units')} value={units} min={1} max={8} step={1} onChange={(v) => set({ units: v })} />
        <Slider label={t('gradients.flow.scale')} value={scale} min={0.1} max={4} step={0.1} format={(v) => `×${v.toFixed(1)}`} onChange={(v) => set({ scale: v })} />
      </Controls>
      <Controls>
        <span className="ui-stat-label">{t('gradients.flow.presets')}</span>
        <Button aria-pressed={scale === SCALE_PRESETS.vanishing} onClick={() => set({ scale: SCALE_PRESETS.vanishing })}>
          {t('gradients.flow.vanishing')}
        </Button>
        <Button aria-pressed={scale === SCALE_PRESETS.balanced} onClick={() => set({ scale: SCALE_PRESETS.balanced })}>
          {t('gradients.flow.balanced')}
        </Button>
        <Button aria-pressed={scale === SCALE_PRESETS.exploding} onClick={() => set({ scale: SCALE_PRESETS.exploding })}>
          {t('gradients.flow.exploding')}
        </Button>
      </Controls>
      {tokens.length === 0 ? (
        <p role="alert" className="widget-problem">
          {t('gradients.flow.empty')}
        </p>
      ) : (
        <>
          {sentence.trim().split(/\s+/).length > MAX_WORDS && <p className="caption">{t('gradients.flow.truncated', { n: MAX_WORDS })}</p>}
          <p className="caption">{t('gradients.flow.jacobian')}</p>
          <div data-testid="jacobian-chart">
            <BarChart categories={tokens} categoryLang={textLang(sentence)} series={series((p) => p.jacobianNorms)} scale="log" yLabel={t('gradients.flow.jacobianAxis')} label={t('gradients.flow.jacobian')} format={sci} />
          </div>
          <p className="caption">{t('gradients.flow.input')}</p>
          <div data-testid="input-chart">
            <BarChart categories={tokens} categoryLang={textLang(sentence)} series={series((p) => p.inputNorms)} scale="log" yLabel={t('gradients.flow.inputAxis')} label={t('gradients.flow.input')} format={sci} />
          </div>
          <div className="stats">
            {profiles.map((p) => (
              <Stat
                key={p.cell}
                label={t('gradients.flow.ratio', { cell: t(cellName(p.cell)) })}
                value={<span data-testid={`ratio-${p.cell}`}>{sci(p.inputNorms[0] / p.inputNorms[p.inputNorms.length - 1])}</span>}
              />
            ))}
          </div>
        </>
      )}
    </WidgetShell>
  );
}

export default function GradientFlow() {
  return (
    <Store.Linked param="gradients-flow">
      <GradientFlowView />
    </Store.Linked>
  );
}
