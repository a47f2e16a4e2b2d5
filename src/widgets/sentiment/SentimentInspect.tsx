/**
 * Type a review, see what the trained model says: the final prediction, how the prediction
 * moves token by token (the dense head applied to each step's state), and the hidden state of
 * every step as a heatmap. All of it is computed by hand by the engine from the model's weights
 * (embedding rows looked up in JS, then simpleRnn/lstm/gru step by step, then the dense layer);
 * tfjs' predict for the same ids is shown beside it, with the largest difference.
 */
import { useEffect, useMemo, useState } from 'react';
import { useErrorText, useLocale, useT } from '../../book/i18n';
import { maxAbsDiff } from '../../engine/matrix';
import { classifyByHand } from '../../engine/sentimentModels';
import { encodeForModel } from '../../engine/sentimentPreprocess';
import { vocabularyOf } from '../../engine/sentimentVocabulary';
import { handClassifierOf } from '../../tf/sentimentWeights';
import { Heatmap } from '../../viz/Heatmap';
import { sci } from '../../viz/format';
import { Button, Stat, TextArea, WidgetShell } from '../shell';
import { STOP_WORD_SET } from '../../engine/labelledTexts';
import { useSentiment } from './SentimentLab';
import { INSPECT_DEFAULTS, MAX_INSPECT_CHARS, SentimentInspectStore } from '../../state/sentimentInspectStore';
import { toError } from '../../engine/errors';

/** Han characters: the cleaning step keeps only a–z, so Chinese text reaches the model as nothing. */
const HAN = /\p{Script=Han}/u;
const CELL = 12;

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function ProbabilityBar({ values, classes }: { values: ArrayLike<number>; classes: string[] }) {
  return (
    <span className="sentiment-probs">
      {classes.map((c, i) => (
        <span key={c} className="sentiment-prob" title={`${c}: ${pct(values[i])}`}>
          <span className="sentiment-prob-fill" data-class={i} style={{ width: `${values[i] * 100}%` }} />
          <span className="sentiment-prob-text">
            <span lang="en">{c}</span> {pct(values[i])}
          </span>
        </span>
      ))}
    </span>
  );
}

function Inspect() {
  const t = useT();
  const te = useErrorText();
  const locale = useLocale();
  const model = useSentiment((s) => s.model);
  const phase = useSentiment((s) => s.phase);
  const predict = useSentiment((s) => s.predict);
  const { text, set } = SentimentInspectStore.useStore((s) => s);
  const link = SentimentInspectStore.useLink();
  const setText = (value: string) => set({ text: value });
  const [tfjs, setTfjs] = useState<{ key: string; values: Float32Array } | null>(null);

  const hand = useMemo(() => {
    if (!model) return null;
    try {
      return { net: handClassifierOf(model.spec, model.weights), vocab: vocabularyOf(model) };
    } catch (error) {
      return toError(error);
    }
  }, [model]);

  const result = useMemo(() => {
    if (!model || !hand || hand instanceof Error) return null;
    const encoded = encodeForModel(text, { vocab: hand.vocab, maxlen: model.maxlen, options: { padding: model.padding, truncating: model.truncating } }, STOP_WORD_SET);
    return { encoded, ...classifyByHand(encoded.padded, hand.net) };
  }, [model, hand, text]);

  const key = result ? JSON.stringify(result.encoded.padded) : '';
  useEffect(() => {
    if (!result || phase === 'training') return;
    let live = true;
    predict([result.encoded.padded]).then(
      (values) => live && setTfjs({ key, values }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [key, predict, phase, result]);

  const title = t('sentiment.inspect.title');
  const box = <TextArea label={t('sentiment.inspect.text')} value={text} onChange={setText} rows={2} maxLength={MAX_INSPECT_CHARS} />;
  if (!model || !result) {
    return (
      <WidgetShell link={link} title={title} widget="SentimentInspect" ready={phase !== 'loading' && phase !== 'building'}>
        {/* The review is the reader's (saved, or from a link) even before there is a model to read it. */}
        {box}
        {hand instanceof Error ? <p role="alert">{te(hand)}</p> : <p role="status">{t('sentiment.inspect.noModel')}</p>}
      </WidgetShell>
    );
  }

  const words = model.vocabWords;
  // Padding steps are shown as one row: the step after the last of them.
  const shown = result.steps.map((s, i) => ({ ...s, i })).filter((s, i, all) => s.id !== 0 || i === all.length - 1);
  const padCount = result.steps.filter((s) => s.id === 0).length;
  const delta = tfjs && tfjs.key === key ? maxAbsDiff(result.output, tfjs.values) : null;
  const winner = result.output.indexOf(Math.max(...result.output));

  return (
    <WidgetShell link={link} title={title} widget="SentimentInspect">
      {(locale !== 'en' || HAN.test(text)) && (
        <p className="caption" data-testid="inspect-english-only">
          {t('sentiment.inspect.englishOnly')} <q translate="no" lang="en">{INSPECT_DEFAULTS.text}</q>{' '}
          {text !== INSPECT_DEFAULTS.text && <Button onClick={() => setText(INSPECT_DEFAULTS.text)}>{t('sentiment.inspect.useExample')}</Button>}
        </p>
      )}
      {box}
      <p>
        {t('sentiment.inspect.cleaned')}: <code data-testid="inspect-cleaned">{result.encoded.cleaned || '∅'}</code>
        <br />
        {t('sentiment.inspect.ids')}: <code data-testid="inspect-ids">[{result.encoded.padded.join(', ')}]</code>
      </p>
      <p className="sentiment-verdict" data-testid="inspect-prediction" data-class={model.classes[winner]}>
        {t('sentiment.inspect.prediction')}: <strong lang="en">{model.classes[winner]}</strong> <ProbabilityBar values={result.output} classes={model.classes} />
      </p>
      {result.encoded.ids.length === 0 && <p role="status">{t('sentiment.inspect.noWords')}</p>}
      <div className="sentiment-steps">
        <table className="compact" data-testid="inspect-steps">
          <thead>
            <tr>
              <th scope="col">{t('sentiment.inspect.step')}</th>
              <th scope="col">{t('sentiment.inspect.token')}</th>
              <th scope="col">{t('sentiment.inspect.soFar')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.i}>
                <td>{s.i + 1}</td>
                <td>
                  <code>{s.id === 0 ? t('sentiment.inspect.padding', { n: padCount }) : words[s.id - 1]}</code>
                </td>
                <td>
                  <ProbabilityBar values={s.output} classes={model.classes} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <figure className="sentiment-heatmap" tabIndex={0}>
          <Heatmap rows={shown.map((s) => s.h)} cellSize={CELL} limit={1} label={t('sentiment.inspect.heatmapLabel', { steps: shown.length, units: shown[0]?.h.length ?? 0 })} />
          <figcaption>{t('sentiment.inspect.heatmap')}</figcaption>
        </figure>
      </div>
      <div className="stats">
        <Stat label={t('sentiment.inspect.tfjs')} value={<span data-testid="inspect-tfjs">{tfjs && tfjs.key === key ? Array.from(tfjs.values, pct).join(' / ') : '…'}</span>} />
        <Stat label={t('sentiment.inspect.delta')} value={<span data-testid="inspect-delta" data-value={delta ?? ''}>{delta === null ? '…' : sci(delta)}</span>} />
      </div>
    </WidgetShell>
  );
}

export default function SentimentInspect() {
  return (
    <SentimentInspectStore.Linked param="sentiment-inspect">
      <Inspect />
    </SentimentInspectStore.Linked>
  );
}
