/** The playground's controls, one per Keras argument, grouped the way the chapter discusses them. */
import type { ReactNode } from 'react';
import { useT } from '../../book/i18n';
import type { ActivationName, InitializerName } from '../../engine/spec';
import { LayerArgsStore } from '../../state/layerArgsStore';
import { NumberField, Select, Slider, Toggle } from '../shell/controls';
import { PY_INIT } from '../../engine/modelCode/keras';
import { ACTIVATIONS, BIDI_CHOICES, type BidiChoice, CELL_CLASS, CELLS, type CellKind, INITIALIZERS, LIMITS } from '../../engine/layerArgsConfig';

/** Where a fixed length or batch starts when the reader first ticks the box. */
const FIRST_TIMESTEPS = 20;
const FIRST_BATCH = 32;

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="layer-args-group">
      <legend>{title}</legend>
      <div className="ui-controls">{children}</div>
    </fieldset>
  );
}

export function ArgControls() {
  const t = useT();
  const c = LayerArgsStore.useStore((s) => s.config);
  const update = LayerArgsStore.useStore((s) => s.update);
  const activationOptions = ACTIVATIONS.map((a) => ({ value: a, label: a }));
  const initOptions = INITIALIZERS.map((i) => ({ value: i, label: PY_INIT[i] }));
  const rate = (v: number) => v.toFixed(2);

  return (
    <div className="layer-args-controls">
      <Group title={t('layerArgs.group.layer')}>
        <Select<CellKind> label={t('layerArgs.cell')} value={c.cell} onChange={(cell) => update({ cell })} options={CELLS.map((k) => ({ value: k, label: CELL_CLASS[k] }))} />
        <NumberField label={t('layerArgs.units')} value={c.units} onChange={(units) => update({ units })} {...LIMITS.units} />
        <Select
          label={t('layerArgs.stack')}
          value={String(c.layers)}
          onChange={(v) => update({ layers: Number(v) })}
          options={['1', '2', '3'].map((v) => ({ value: v, label: v }))}
        />
        <Select<BidiChoice>
          label={t('layerArgs.bidirectional')}
          value={c.bidirectional}
          onChange={(bidirectional) => update({ bidirectional })}
          options={BIDI_CHOICES.map((b) => ({ value: b, label: b === 'off' ? t('layerArgs.bidi.off') : b === 'none' ? t('layerArgs.bidi.none') : `"${b}"` }))}
        />
        {c.cell === 'gru' && <Toggle label={t('layerArgs.resetAfter')} checked={c.resetAfter} onChange={(resetAfter) => update({ resetAfter })} />}
      </Group>

      <Group title={t('layerArgs.group.input')}>
        <NumberField label={t('layerArgs.features')} value={c.features} onChange={(features) => update({ features })} {...LIMITS.features} />
        <Toggle label={t('layerArgs.fixedTimesteps')} checked={c.timesteps !== null} onChange={(on) => update({ timesteps: on ? FIRST_TIMESTEPS : null })} />
        {c.timesteps !== null && <NumberField label={t('layerArgs.timesteps')} value={c.timesteps} onChange={(timesteps) => update({ timesteps })} {...LIMITS.timesteps} />}
        <Toggle label={t('layerArgs.fixedBatch')} checked={c.batchSize !== null} onChange={(on) => update({ batchSize: on ? FIRST_BATCH : null })} />
        {c.batchSize !== null && <NumberField label={t('layerArgs.batchSize')} value={c.batchSize} onChange={(batchSize) => update({ batchSize })} {...LIMITS.batchSize} />}
      </Group>

      <Group title={t('layerArgs.group.weights')}>
        <Select<ActivationName> label={t('layerArgs.activation')} value={c.activation} onChange={(activation) => update({ activation })} options={activationOptions} />
        <Select<ActivationName>
          label={c.cell === 'simpleRNN' ? t('layerArgs.recurrentActivationNone') : t('layerArgs.recurrentActivation')}
          value={c.recurrentActivation}
          onChange={(recurrentActivation) => update({ recurrentActivation })}
          options={activationOptions}
          disabled={c.cell === 'simpleRNN'}
        />
        <Toggle label={t('layerArgs.useBias')} checked={c.useBias} onChange={(useBias) => update({ useBias })} />
        <Select<InitializerName> label={t('layerArgs.kernelInitializer')} value={c.kernelInitializer} onChange={(kernelInitializer) => update({ kernelInitializer })} options={initOptions} />
        <Select<InitializerName>
          label={t('layerArgs.recurrentInitializer')}
          value={c.recurrentInitializer}
          onChange={(recurrentInitializer) => update({ recurrentInitializer })}
          options={initOptions}
        />
        <Slider label={t('layerArgs.dropout')} value={c.dropout} onChange={(dropout) => update({ dropout })} min={0} max={LIMITS.dropout.max} step={0.05} format={rate} />
        <Slider
          label={t('layerArgs.recurrentDropout')}
          value={c.recurrentDropout}
          onChange={(recurrentDropout) => update({ recurrentDropout })}
          min={0}
          max={LIMITS.dropout.max}
          step={0.05}
          format={rate}
        />
      </Group>

      <Group title={t('layerArgs.group.outputs')}>
        <Toggle label={t('layerArgs.returnSequences')} checked={c.returnSequences} onChange={(returnSequences) => update({ returnSequences })} />
        <Toggle label={t('layerArgs.returnState')} checked={c.returnState} onChange={(returnState) => update({ returnState })} />
        <Toggle label={t('layerArgs.goBackwards')} checked={c.goBackwards} onChange={(goBackwards) => update({ goBackwards })} />
        <Toggle label={t('layerArgs.stateful')} checked={c.stateful} onChange={(stateful) => update({ stateful })} />
        <Toggle label={t('layerArgs.denseHead')} checked={c.denseHead} onChange={(denseHead) => update({ denseHead })} />
        {c.denseHead && <NumberField label={t('layerArgs.headUnits')} value={c.headUnits} onChange={(headUnits) => update({ headUnits })} {...LIMITS.headUnits} />}
      </Group>
    </div>
  );
}
