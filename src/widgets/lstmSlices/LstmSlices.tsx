/**
 * A real LSTM(40) reading 32 features, built in tfjs: its kernel (32, 160), recurrent kernel
 * (40, 160) and bias (160,) cut into the four gate blocks Keras stores side by side, i, f, c, o.
 * The cut is the engine's own (lstmGateWeights), so the book's slicing is what is on show.
 */
import { LSTM_GATES, lstmGateWeights } from '../../engine/lstm';
import { toRows } from '../../engine/matrix';
import { describeModel, shapeToString } from '../../engine/paramCount';
import type { ModelSpec } from '../../engine/spec';
import { useErrorText, useT } from '../../book/i18n';
import { lstmWeightsOf } from '../../tf/weights';
import { Heatmap } from '../../viz/Heatmap';
import { Stat, WidgetShell } from '../shell';
import { useBuiltModel } from '../shared/useBuiltModel';

const SPEC: ModelSpec = { inputShape: [26, 32], layers: [{ kind: 'lstm', name: 'lstm', units: 40 }] };
/** Nothing here is the reader's to change: the link only scrolls to the widget. */
const LINK = { param: 'lstm-slices' };

export default function LstmSlices() {
  const t = useT();
  const te = useErrorText();
  const built = useBuiltModel(SPEC);
  const ours = describeModel(SPEC).rows[0];
  const title = t('slices.title');

  if (built.status !== 'ready') {
    return (
      <WidgetShell link={LINK} title={title} widget="LstmSlices" ready={false}>
        <p role={built.status === 'error' ? 'alert' : 'status'}>{built.status === 'error' ? te(built.error) : t('toy.building')}</p>
      </WidgetShell>
    );
  }
  const weights = lstmWeightsOf(built.weights, 'lstm');
  const gates = lstmGateWeights(weights);
  const theirs = built.layerParams[0].params;

  return (
    <WidgetShell link={LINK} title={title} widget="LstmSlices">
      <div className="stats">
        <Stat label={t('slices.kernel')} value={<code>{shapeToString([weights.kernel.rows, weights.kernel.cols])}</code>} />
        <Stat label={t('slices.recurrent')} value={<code>{shapeToString([weights.recurrentKernel.rows, weights.recurrentKernel.cols])}</code>} />
        <Stat label={t('slices.bias')} value={<code>{shapeToString([weights.bias.length])}</code>} />
        <Stat label={t('toy.summary.ours')} value={<code data-testid="lstm40-formula">{ours.formula}</code>} />
        <Stat label="tfjs countParams()" value={<code data-testid="lstm40-tfjs">{theirs.toLocaleString('en-US')} {theirs === ours.params ? '✓' : '✗'}</code>} />
      </div>
      <div className="slice-grid">
        {LSTM_GATES.map((gate) => (
          <figure key={gate} className="slice" data-gate={gate}>
            <figcaption>
              <strong>
                W_{gate}, U_{gate}, b_{gate}
              </strong>{' '}
              — {t(`gate.${gate}`)}
              <br />
              <code>
                {shapeToString([gates[gate].kernel.rows, gates[gate].kernel.cols])} · {shapeToString([gates[gate].recurrentKernel.rows, gates[gate].recurrentKernel.cols])} ·{' '}
                {shapeToString([gates[gate].bias.length])}
              </code>
            </figcaption>
            <Heatmap rows={toRows(gates[gate].kernel)} cellSize={3} label={t('slices.heatmap', { gate: t(`gate.${gate}`) })} />
          </figure>
        ))}
      </div>
    </WidgetShell>
  );
}
