/**
 * Why the same GRU(32) has 6,336 parameters in TensorFlow 2's tf.keras and 6,240 in tfjs: tf.keras
 * defaults to reset_after=True (standalone Keras up to 2.2 defaulted to False), which keeps a second
 * bias vector for the recurrent half; tfjs builds only reset_after=False. Both counts come from the engine, the tfjs one also from a real tfjs layer.
 */
import { useErrorText, useT } from '../../book/i18n';
import { formatCount, recurrentParams } from '../../engine/paramCount';
import type { GRUSpec } from '../../engine/spec';
import { GRU_COUNT_MAX, GruCountStore } from '../../state/gruCountStore';
import { unsupportedInTfjs } from '../../tf/buildModel';
import { Controls, NumberField, Stat, WidgetShell } from '../shell';
import { useBuiltModel } from '../shared/useBuiltModel';

const gru = (units: number, resetAfter: boolean): GRUSpec => ({ kind: 'gru', name: 'gru', units, resetAfter });

function Count() {
  const t = useT();
  const te = useErrorText();
  const { units, features, set, reset } = GruCountStore.useStore((s) => s);
  const keras = recurrentParams(gru(units, true), features);
  const tfjs = recurrentParams(gru(units, false), features);
  const built = useBuiltModel({ inputShape: [null, features], layers: [gru(units, false)] });
  const builtCount = built.status === 'ready' ? built.layerParams[0].params : null;

  return (
    <WidgetShell link={GruCountStore.useLink()} title={t('gruCount.title')} widget="GruParamCount" ready={built.status !== 'building'} onReset={reset}>
      <Controls>
        <NumberField label={t('gruCount.units')} value={units} min={1} max={GRU_COUNT_MAX} onChange={(v) => set({ units: Math.round(v) })} />
        <NumberField label={t('gruCount.features')} value={features} min={1} max={GRU_COUNT_MAX} onChange={(v) => set({ features: Math.round(v) })} />
      </Controls>
      <div className="stats">
        <Stat label={t('gruCount.keras')} value={<code data-testid="gru-keras">{keras.formula}</code>} />
        <Stat label={t('gruCount.tfjsFormula')} value={<code data-testid="gru-tfjs-formula">{tfjs.formula}</code>} />
        <Stat
          label={t('gruCount.tfjsBuilt')}
          value={
            <code data-testid="gru-tfjs-built">
              {built.status === 'error' ? te(built.error) : builtCount === null ? '…' : `${formatCount(builtCount)} ${builtCount === tfjs.params ? '✓' : '✗'}`}
            </code>
          }
        />
        <Stat label={t('gruCount.difference')} value={<code>{`3·${units} = ${formatCount(keras.params - tfjs.params)}`}</code>} />
      </div>
      <p className="caption">
        {t('gruCount.tfjsRefuses')}: <q>{unsupportedInTfjs(gru(units, true)).map(te).join(' ')}</q>
      </p>
    </WidgetShell>
  );
}

export default function GruParamCount() {
  return (
    <GruCountStore.Linked param="gru-param-count">
      <Count />
    </GruCountStore.Linked>
  );
}
