/**
 * The generation loop of recipe 15, stepped by hand: feed a character, turn the logits into a
 * distribution (temperature, top-N), choose greedily or by a seeded draw, feed the choice back.
 */
import { useState } from 'react';
import { useT } from '../../book/i18n';
import { seededRandom } from '../../engine/random';
import { type SampledChar, chooseNext } from '../../engine/sampling';
import { HELLO_VOCAB, HelloStore } from '../../state/helloLmStore';
import { num } from '../../viz/format';
import { ProbabilityBars } from '../../viz/ProbabilityBars';
import { Button, Controls, NumberField, Select, Slider, WidgetShell } from '../shell';
import { helloForward } from './helloForward';

interface Loop {
  text: string;
  state: Float32Array | undefined;
  last: (SampledChar & { logits: Float32Array }) | null;
}

export default function HelloSampler() {
  const t = useT();
  const weights = HelloStore.useStore((s) => s.weights);
  const history = HelloStore.useStore((s) => s.history);
  const [start, setStart] = useState('h');
  const [mode, setMode] = useState<'greedy' | 'sample'>('greedy');
  const [temperature, setTemperature] = useState(1);
  const [topN, setTopN] = useState(0);
  const [seed, setSeed] = useState(1);
  const [loop, setLoop] = useState<Loop>({ text: 'h', state: undefined, last: null });
  const [random, setRandom] = useState(() => seededRandom(1));

  const restart = (from = start, s = seed) => {
    setLoop({ text: from, state: undefined, last: null });
    setRandom(() => seededRandom(s));
  };

  const next = () => {
    if (!weights) return;
    // Feed only the newest character; the state carries everything before it.
    const [step] = helloForward(weights, loop.text.at(-1)!, loop.state);
    const pick = chooseNext(step.logits, { mode, temperature, topN: topN > 0 ? topN : null }, random);
    setLoop({ text: loop.text + HELLO_VOCAB.chars[pick.index], state: step.h, last: { ...pick, logits: step.logits } });
  };

  return (
    <WidgetShell title={t('charLm.sampler.title')} widget="HelloSampler" onReset={() => restart('h', 1)} ready={weights !== null}>
      <Controls>
        <Select label={t('charLm.sampler.start')} value={start} onChange={(v) => (setStart(v), restart(v))} options={HELLO_VOCAB.chars.map((c) => ({ value: c, label: c }))} />
        <Select
          label={t('charLm.mode')}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'greedy', label: t('charLm.greedy') },
            { value: 'sample', label: t('charLm.sample') },
          ]}
        />
        <Slider label={t('charLm.temperature')} value={temperature} min={0.1} max={3} step={0.1} onChange={setTemperature} />
        <NumberField label={t('charLm.topN')} value={topN} min={0} max={4} onChange={(v) => setTopN(Math.round(v))} />
        <NumberField label={t('charLm.seed')} value={seed} min={0} max={1e9} onChange={(v) => (setSeed(Math.round(v)), restart(start, Math.round(v)))} />
      </Controls>
      {history.length === 0 && <p className="caption">{t('charLm.sampler.needsModel')}</p>}
      <Controls>
        <Button className="primary" onClick={next} disabled={!weights || loop.text.length >= 40}>
          {t('charLm.sampler.next')}
        </Button>
        <Button onClick={() => restart()}>{t('charLm.sampler.restart')}</Button>
      </Controls>
      <p>
        {t('charLm.sampler.generated')}: <code className="char-generated" data-testid="sampler-text">{loop.text}</code>
      </p>
      {loop.last && (
        <>
          <p data-testid="sampler-choice">{t('charLm.sampler.chose', { char: loop.text.at(-1)!, p: num(loop.last.probs[loop.last.index], 4) })}</p>
          <ProbabilityBars labels={HELLO_VOCAB.chars} values={loop.last.probs} extra={loop.last.logits} extraLabel={t('charLm.logits')} highlight={loop.last.index} label={t('charLm.probBars')} />
        </>
      )}
    </WidgetShell>
  );
}
