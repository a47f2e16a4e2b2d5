/**
 * Clipping by global norm on the exploding one-unit linear RNN: the first gradient's norm before
 * and after clipping, and the loss of the same SGD run without and with clipping.
 */
import { useMemo } from 'react';
import { useT } from '../../book/i18n';
import { CLIPPING_DEFAULTS, sgdRun } from '../../engine/clippingDemo';
import { ClippingStore as Store } from '../../state/gradientsStores';
import { BarChart } from '../../viz/BarChart';
import { num, sci } from '../../viz/format';
import { Controls, NumberField, Slider, Stat, WidgetShell } from '../shell';

function ClippingDemoView() {
  const t = useT();
  const clipNorm = Store.useStore((s) => s.clipNorm);
  const learningRate = Store.useStore((s) => s.learningRate);
  const u = Store.useStore((s) => s.u);
  const set = Store.useStore((s) => s.set);
  const reset = Store.useStore((s) => s.reset);

  const problem = useMemo(() => ({ ...CLIPPING_DEFAULTS, learningRate, u }), [learningRate, u]);
  const plain = useMemo(() => sgdRun(problem, null), [problem]);
  const clipped = useMemo(() => sgdRun(problem, clipNorm), [problem, clipNorm]);
  const first = clipped.steps[0];
  const length = problem.sgdSteps + 1;
  // A run that overflowed stops there: its later steps were never taken and get no bar.
  const losses = (run: typeof plain) => Array.from({ length }, (_, k) => run.steps[k]?.loss ?? null);
  const lastLoss = (run: typeof plain) => run.steps[run.steps.length - 1].loss;

  return (
    <WidgetShell link={Store.useLink()} title={t('gradients.clip.title')} description={t('gradients.clip.description')} onReset={reset} widget="ClippingDemo">
      <Controls>
        <NumberField label={t('gradients.clip.clipNorm')} value={clipNorm} min={0.01} max={100000} step={1} onChange={(v) => set({ clipNorm: v })} />
        <NumberField label={t('gradients.clip.learningRate')} value={learningRate} min={0.0001} max={1} step={0.001} onChange={(v) => set({ learningRate: v })} />
        <Slider label={t('gradients.clip.u')} value={u} min={0.5} max={1.5} step={0.01} format={(v) => v.toFixed(2)} onChange={(v) => set({ u: v })} />
      </Controls>
      <div className="stats">
        <Stat label={t('gradients.clip.before')} value={<span data-testid="norm-before">{num(first.norm, 4)}</span>} />
        <Stat label={t('gradients.clip.after')} value={<span data-testid="norm-after">{num(first.appliedNorm, 4)}</span>} />
        <Stat label={t('gradients.clip.scale')} value={num(first.appliedNorm / first.norm, 4)} />
      </div>
      <BarChart
        categories={Array.from({ length }, (_, k) => String(k))}
        series={[
          { id: 'plain', label: t('gradients.clip.plain'), values: losses(plain), color: 'var(--neg)' },
          { id: 'clipped', label: t('gradients.clip.clipped', { clip: num(clipNorm, 4) }), values: losses(clipped), color: 'var(--accent)' },
        ]}
        scale="log"
        yLabel={t('gradients.clip.axis')}
        label={t('gradients.clip.chart')}
        format={sci}
      />
      <p data-testid="plain-outcome">
        {plain.diverged ? t('gradients.clip.diverged', { n: plain.steps.length - 1 }) : t('gradients.clip.stayed', { loss: num(lastLoss(plain), 4) })}{' '}
        <span data-testid="clipped-outcome">
          {clipped.diverged
            ? t('gradients.clip.clippedDiverged', { clip: num(clipNorm, 4), n: clipped.steps.length - 1 })
            : t('gradients.clip.clippedEnd', { clip: num(clipNorm, 4), loss: num(lastLoss(clipped), 4) })}
        </span>
      </p>
    </WidgetShell>
  );
}

export default function ClippingDemo() {
  return (
    <Store.Linked param="gradients-clipping">
      <ClippingDemoView />
    </Store.Linked>
  );
}
