/**
 * The source's expansion h5 = WX5 + UWX4 + U²WX3 + U³WX2 + U⁴WX1, live: the reader drags U (and
 * sets W and the inputs) and sees each term's coefficient, value and bar. With |U| < 1 the early
 * terms fade towards nothing; with |U| > 1 the earliest input dominates h5.
 */
import { useMemo } from 'react';
import { useT } from '../../book/i18n';
import { linearRnnExpansion, termLabel } from '../../engine/linearExpansion';
import { PowerExpansionStore as Store } from '../../state/gradientsStores';
import { BarChart } from '../../viz/BarChart';
import { num } from '../../viz/format';
import { Controls, NumberField, Slider, Stat, WidgetShell } from '../shell';

function PowerExpansionView() {
  const t = useT();
  const u = Store.useStore((s) => s.u);
  const w = Store.useStore((s) => s.w);
  const xs = Store.useStore((s) => s.xs);
  const set = Store.useStore((s) => s.set);
  const setX = (i: number, v: number) => set({ xs: xs.map((x, k) => (k === i ? v : x)) });
  const reset = Store.useStore((s) => s.reset);
  const e = useMemo(() => linearRnnExpansion(u, w, xs), [u, w, xs]);
  const labels = e.terms.map(termLabel);
  const total = e.terms.reduce((sum, term) => sum + Math.abs(term.value), 0);
  const earliest = e.terms[e.terms.length - 1];

  return (
    <WidgetShell link={Store.useLink()} title={t('gradients.power.title')} description={t('gradients.power.description')} onReset={reset} widget="PowerExpansion">
      <Controls>
        <Slider label={t('gradients.power.u')} value={u} min={-2} max={2} step={0.01} format={(v) => v.toFixed(2)} onChange={(v) => set({ u: v })} />
        <NumberField label={t('gradients.power.w')} value={w} min={-10} max={10} step={0.1} onChange={(v) => set({ w: v })} />
      </Controls>
      <Controls>
        {xs.map((x, i) => (
          <NumberField key={i} label={t('gradients.power.x', { t: i + 1 })} value={x} min={-10} max={10} step={0.1} onChange={(v) => setX(i, v)} />
        ))}
      </Controls>
      <p className="power-formula" data-testid="formula">
        h5 = {labels.join(' + ')}
      </p>
      <div className="scroll-x" tabIndex={0}>
        <table className="compact power-terms">
          <thead>
            <tr>
              <th scope="col">{t('gradients.power.term')}</th>
              <th scope="col">{t('gradients.power.coefficient')}</th>
              <th scope="col">{t('gradients.power.input')}</th>
              <th scope="col">{t('gradients.power.value')}</th>
            </tr>
          </thead>
          <tbody>
            {e.terms.map((term, k) => (
              <tr key={term.step}>
                <th scope="row">{labels[k]}</th>
                <td>{num(term.coefficient, 4)}</td>
                <td>{num(xs[term.step - 1], 4)}</td>
                <td data-testid={`term-${labels[k]}`} data-value={term.value}>
                  {num(term.value, 4)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BarChart
        categories={labels}
        series={[{ id: 'terms', label: t('gradients.power.value'), values: e.terms.map((term) => term.value), color: 'var(--accent)' }]}
        yLabel={t('gradients.power.axis')}
        label={t('gradients.power.chart')}
        format={(v) => num(v, 4)}
      />
      <div className="stats">
        <Stat label={t('gradients.power.h5')} value={<span data-testid="h5">{num(e.h, 6)}</span>} />
        <Stat label={t('gradients.power.recurrence')} value={num(e.hByRecurrence, 6)} />
        <Stat label={t('gradients.power.earlyShare')} value={<span data-testid="early-share">{total > 0 ? `${num((100 * Math.abs(earliest.value)) / total, 3)}%` : '—'}</span>} />
      </div>
    </WidgetShell>
  );
}

export default function PowerExpansion() {
  return (
    <Store.Linked param="gradients-power-expansion">
      <PowerExpansionView />
    </Store.Linked>
  );
}
