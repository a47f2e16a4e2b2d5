/**
 * Seed 003's ten-line RNN, live: random inputs of shape (timesteps, input_features) run through
 * random W, U, b; each step's output is kept, and the stacked outputs have shape
 * (timesteps, output_features). The reader changes the sizes and watches the shapes follow.
 */
import { useMemo } from 'react';
import { useT } from '../../book/i18n';
import { matrix } from '../../engine/matrix';
import { shapeToString } from '../../engine/paramCount';
import { seededRandom, uniformArray } from '../../engine/random';
import { simpleRnnForward } from '../../engine/simpleRnn';
import { type NumpyRnnSizes, NumpyRnnStore as Store } from '../../state/numpyRnnStore';
import { Heatmap } from '../../viz/Heatmap';
import { Controls, NumberField, Stat, WidgetShell } from '../shell';

/**
 * Inputs are U(0, 1) as in the source. Its weights are U(0, 1) too, which drives every output
 * to tanh(large) = 1; symmetric Glorot-sized weights keep the heatmap worth looking at.
 */
// #region listing:toy-rnn
export function runToyRnn({ timesteps, inputFeatures, outputFeatures, seed }: NumpyRnnSizes): Float32Array[] {
  const random = seededRandom(seed);
  // timesteps × inputFeatures, e.g. 100 × 32
  const inputs = Array.from({ length: timesteps }, () => Float32Array.from({ length: inputFeatures }, random));
  const glorot = (fanIn: number) => Math.sqrt(6 / (fanIn + outputFeatures));
  const weights = {
    kernel: matrix(inputFeatures, outputFeatures, uniformArray(inputFeatures * outputFeatures, glorot(inputFeatures), random)),
    recurrentKernel: matrix(outputFeatures, outputFeatures, uniformArray(outputFeatures * outputFeatures, glorot(outputFeatures), random)),
    bias: new Float32Array(outputFeatures),
  };
  // One output per step, each of shape (outputFeatures,); stacked, (timesteps, outputFeatures) = (100, 64).
  return simpleRnnForward(inputs, weights).map((s) => s.h);
}
// #endregion

/** One row per unit, one column per step: time runs left to right as in the unrolled drawings. */
const byUnit = (outputs: Float32Array[]) => Array.from({ length: outputs[0].length }, (_, j) => outputs.map((h) => h[j]));

function NumpyToyRnnView() {
  const t = useT();
  const timesteps = Store.useStore((s) => s.timesteps);
  const inputFeatures = Store.useStore((s) => s.inputFeatures);
  const outputFeatures = Store.useStore((s) => s.outputFeatures);
  const seed = Store.useStore((s) => s.seed);
  const set = Store.useStore((s) => s.set);
  const reset = Store.useStore((s) => s.reset);
  const outputs = useMemo(() => runToyRnn({ timesteps, inputFeatures, outputFeatures, seed }), [timesteps, inputFeatures, outputFeatures, seed]);
  const rows = useMemo(() => byUnit(outputs), [outputs]);

  return (
    <WidgetShell link={Store.useLink()} title={t('numpy.title')} onReset={reset} widget="NumpyToyRnn">
      <Controls>
        <NumberField label="timesteps" value={timesteps} min={1} max={500} onChange={(v) => set({ timesteps: Math.round(v) })} />
        <NumberField label="input_features" value={inputFeatures} min={1} max={256} onChange={(v) => set({ inputFeatures: Math.round(v) })} />
        <NumberField label="output_features" value={outputFeatures} min={1} max={256} onChange={(v) => set({ outputFeatures: Math.round(v) })} />
        <NumberField label={t('numpy.seed')} value={seed} min={0} max={1e9} onChange={(v) => set({ seed: Math.round(v) })} />
      </Controls>
      <div className="stats">
        <Stat label="output_t.shape" value={<code data-testid="step-shape">{shapeToString([outputs[0].length])}</code>} />
        <Stat label="final_output_sequence.shape" value={<code data-testid="sequence-shape">{shapeToString([outputs.length, outputs[0].length])}</code>} />
      </div>
      <p className="caption">{t('numpy.heatmap')}</p>
      <div className="scroll-x" tabIndex={0}>
        <Heatmap rows={rows} limit={1} cellSize={outputs.length > 200 ? 2 : 4} label={t('numpy.heatmapLabel', { t: outputs.length, u: outputs[0].length })} />
      </div>
    </WidgetShell>
  );
}

export default function NumpyToyRnn() {
  return (
    <Store.Linked param="numpy-toy-rnn">
      <NumpyToyRnnView />
    </Store.Linked>
  );
}
