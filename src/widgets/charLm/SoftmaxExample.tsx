/**
 * The source's example output for input "h": logits 1.0, 2.2, −3.0, 4.1 over h, e, l, o, through
 * softmax (in the Chinese edition over the four characters of its word, helloLmStore.ts). The
 * reader edits the logits and the temperature and sees every intermediate number.
 */
import { useLocale, useT } from '../../book/i18n';
import { softmax } from '../../engine/activations';
import { HELLO_WORDS, helloVocab } from '../../state/helloLmStore';
import { LOGIT_RANGE, SoftmaxStore } from '../../state/helloSettings';
import { num } from '../../viz/format';
import { ProbabilityBars } from '../../viz/ProbabilityBars';
import { Controls, NumberField, Slider, Stat, WidgetShell } from '../shell';

export default function SoftmaxExample() {
  return (
    <SoftmaxStore.Linked param="softmax-example">
      <Softmax />
    </SoftmaxStore.Linked>
  );
}

function Softmax() {
  const t = useT();
  const { chars } = helloVocab(HELLO_WORDS[useLocale()]);
  const logits = SoftmaxStore.useStore((s) => s.logits);
  const temperature = SoftmaxStore.useStore((s) => s.temperature);
  const set = SoftmaxStore.useStore((s) => s.set);
  const reset = SoftmaxStore.useStore((s) => s.reset);
  const link = SoftmaxStore.useLink();
  const probs = softmax(logits, temperature);
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp((z - max) / temperature));
  const total = exps.reduce((a, b) => a + b, 0);
  return (
    <WidgetShell title={t('charLm.softmax.title')} widget="SoftmaxExample" onReset={reset} link={link}>
      <Controls>
        {chars.map((c, i) => (
          <NumberField
            key={c}
            label={t('charLm.softmax.logit', { char: c })}
            value={logits[i]}
            min={LOGIT_RANGE[0]}
            max={LOGIT_RANGE[1]}
            step={0.1}
            onChange={(v) => set({ logits: logits.map((z, j) => (j === i ? v : z)) })}
          />
        ))}
        <Slider label={t('charLm.temperature')} value={temperature} min={0.1} max={3} step={0.1} onChange={(v) => set({ temperature: v })} />
      </Controls>
      <div className="scroll-x" tabIndex={0}>
        <table className="char-table" data-testid="softmax-table">
          <thead>
            <tr>
              <th>{t('charLm.char')}</th>
              <th>z</th>
              <th>exp((z − max)/T)</th>
              <th>p = exp / Σ</th>
            </tr>
          </thead>
          <tbody>
            {chars.map((c, i) => (
              <tr key={c}>
                <td>{c}</td>
                <td>{num(logits[i], 4)}</td>
                <td>{num(exps[i], 6)}</td>
                <td data-testid={`p-${c}`}>{num(probs[i], 6)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="stats">
        <Stat label="Σ exp" value={num(total, 6)} />
        <Stat label={t('charLm.softmax.sum')} value={num(probs.reduce((a, b) => a + b, 0), 6)} />
      </div>
      <ProbabilityBars labels={chars} values={probs} extra={logits} extraLabel="z" label={t('charLm.probBars')} />
    </WidgetShell>
  );
}
