/**
 * The generation loop of recipe 15, stepped by hand: feed a character, turn the logits into a
 * distribution (temperature, top-N), choose greedily or by a seeded draw, feed the choice back.
 * The text is a function of the settings, the number of characters drawn and the weights, so it
 * is drawn again from those (a link carries the first two; the weights travel by export).
 */
import { useMemo } from 'react';
import { useT } from '../../book/i18n';
import type { CharVocabulary } from '../../engine/charBatches';
import { seededRandom } from '../../engine/random';
import { type SampledChar, chooseNext } from '../../engine/sampling';
import { HelloStore } from '../../state/helloLmStore';
import { SAMPLER_MAX_STEPS, SamplerStore, type SamplerSettings } from '../../state/helloSettings';
import type { NamedWeight } from '../../tf/types';
import { num } from '../../viz/format';
import { ProbabilityBars } from '../../viz/ProbabilityBars';
import { Button, Controls, NumberField, Select, Slider, WidgetShell } from '../shell';
import { helloForward } from './helloForward';

interface Drawn {
  text: string;
  last: (SampledChar & { logits: Float32Array }) | null;
}

/** The loop from the start character, `steps` times: feed only the newest character, the state carries the rest. */
function draw(weights: NamedWeight[], vocab: CharVocabulary, settings: SamplerSettings): Drawn {
  const random = seededRandom(settings.seed);
  let text = vocab.chars[settings.start];
  let state: Float32Array | undefined;
  let last: Drawn['last'] = null;
  for (let i = 0; i < settings.steps; i++) {
    const [step] = helloForward(weights, vocab, [...text].at(-1)!, state);
    const pick = chooseNext(step.logits, { mode: settings.mode, temperature: settings.temperature, topN: settings.topN > 0 ? settings.topN : null }, random);
    text += vocab.chars[pick.index];
    state = step.h;
    last = { ...pick, logits: step.logits };
  }
  return { text, last };
}

export default function HelloSampler() {
  return (
    <SamplerStore.Linked param="hello-sampler">
      <Sampler />
    </SamplerStore.Linked>
  );
}

function Sampler() {
  const t = useT();
  const weights = HelloStore.useStore((s) => s.weights);
  const vocab = HelloStore.useStore((s) => s.vocab);
  const history = HelloStore.useStore((s) => s.history);
  const settings = SamplerStore.useStore((s) => s);
  const link = SamplerStore.useLink();
  const { start, mode, temperature, topN, seed, steps } = settings;
  const loop = useMemo(
    () => (weights ? draw(weights, vocab, { start, mode, temperature, topN, seed, steps }) : { text: vocab.chars[start], last: null }),
    [weights, vocab, start, mode, temperature, topN, seed, steps],
  );
  // A new setting starts the loop over, as a new draw would.
  const change = (patch: Partial<SamplerSettings>) => settings.set({ ...patch, steps: 0 });

  return (
    <WidgetShell title={t('charLm.sampler.title')} widget="HelloSampler" onReset={settings.reset} ready={weights !== null} link={link && { ...link, weights: true }}>
      <Controls>
        <Select label={t('charLm.sampler.start')} value={String(start)} onChange={(v) => change({ start: Number(v) })} options={vocab.chars.map((c, i) => ({ value: String(i), label: c }))} />
        <Select
          label={t('charLm.mode')}
          value={mode}
          onChange={(v) => change({ mode: v })}
          options={[
            { value: 'greedy', label: t('charLm.greedy') },
            { value: 'sample', label: t('charLm.sample') },
          ]}
        />
        <Slider label={t('charLm.temperature')} value={temperature} min={0.1} max={3} step={0.1} onChange={(v) => change({ temperature: v })} />
        <NumberField label={t('charLm.topN')} value={topN} min={0} max={vocab.chars.length} onChange={(v) => change({ topN: Math.round(v) })} />
        <NumberField label={t('charLm.seed')} value={seed} min={0} max={1e9} onChange={(v) => change({ seed: Math.round(v) })} />
      </Controls>
      {history.length === 0 && <p className="caption">{t('charLm.sampler.needsModel')}</p>}
      <Controls>
        <Button className="primary" onClick={() => settings.set({ steps: steps + 1 })} disabled={!weights || steps >= SAMPLER_MAX_STEPS}>
          {t('charLm.sampler.next')}
        </Button>
        <Button onClick={() => settings.set({ steps: 0 })}>{t('charLm.sampler.restart')}</Button>
      </Controls>
      <p>
        {t('charLm.sampler.generated')}: <code className="char-generated" data-testid="sampler-text">{loop.text}</code>
      </p>
      {loop.last && (
        <>
          <p data-testid="sampler-choice">{t('charLm.sampler.chose', { char: [...loop.text].at(-1)!, p: num(loop.last.probs[loop.last.index], 4) })}</p>
          <ProbabilityBars labels={vocab.chars} values={loop.last.probs} extra={loop.last.logits} extraLabel={t('charLm.logits')} highlight={loop.last.index} label={t('charLm.probBars')} />
        </>
      )}
    </WidgetShell>
  );
}
