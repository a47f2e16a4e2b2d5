/**
 * Recipe 2: two sentences, two representations. The bag of words counts words and forgets their
 * order; a SimpleRNN reads them one after another. The reader edits the sentences and sees which
 * representation can tell them apart, and by how much.
 */
import { useMemo } from 'react';
import { type StringKey, useT } from '../../book/i18n';
import { Heatmap } from '../../viz/Heatmap';
import { num, vec } from '../../viz/format';
import { Button, Controls, Stat, TextField, WidgetShell } from '../shell';
import { textLang } from '../shared/textLang';
import { MAX_TOKENS, type SentenceRun, SYNONYMS, UNITS, compareSentences } from './orderModel';
import { MAX_SENTENCE_CHARS, OrderStore, type SentencePair } from '../../state/orderStore';

const CELL = 24;

const PRESETS: { key: StringKey; pair: SentencePair }[] = [
  { key: 'order.preset.swap', pair: { first: 'A is faster than B', second: 'B is faster than A' } },
  { key: 'order.preset.same', pair: { first: 'A is faster than B', second: 'A is faster than B' } },
  { key: 'order.preset.synonym', pair: { first: 'A is faster than B', second: 'A is quicker than B' } },
  { key: 'order.preset.different', pair: { first: 'A is faster than B', second: 'A is slower than B' } },
  { key: 'order.preset.dog', pair: { first: 'the dog bit the man', second: 'the man bit the dog' } },
];

/** One row per unit, one column per word, as the other unrolled pictures in the book. */
const byUnit = (states: Float32Array[]) => Array.from({ length: UNITS }, (_, j) => states.map((h) => h[j]));

function StateMap({ run, n }: { run: SentenceRun; n: number }) {
  const t = useT();
  if (run.tokens.length === 0) return <p className="order-empty">{t('order.empty', { n })}</p>;
  return (
    <div className="order-statemap">
      <p className="order-statemap-title">{t('order.sentence', { n })}</p>
      <Heatmap rows={byUnit(run.states)} limit={1} cellSize={CELL} label={t('order.heatmapLabel', { n, units: UNITS, steps: run.tokens.length })} />
      <div className="order-tokens" aria-hidden="true">
        {run.tokens.map((token, i) => (
          <span key={i} style={{ width: CELL }} title={token} lang={textLang(token)}>
            {token}
          </span>
        ))}
      </div>
    </div>
  );
}

function OrderMattersView() {
  const t = useT();
  const first = OrderStore.useStore((s) => s.first);
  const second = OrderStore.useStore((s) => s.second);
  const set = OrderStore.useStore((s) => s.set);
  const reset = OrderStore.useStore((s) => s.reset);
  const { runs, bags, bagDistance, stateDistance } = useMemo(() => compareSentences(first, second), [first, second]);

  const bagSame = bagDistance === 0;
  const stateSame = stateDistance === 0;
  const why: StringKey = bagSame ? (stateSame ? 'order.why.identical' : 'order.why.orderOnly') : stateSame ? 'order.why.synonym' : 'order.why.different';
  const yesNo = (same: boolean) => t(same ? 'order.yes' : 'order.no');

  return (
    <WidgetShell link={OrderStore.useLink()} title={t('order.title')} widget="OrderMatters" onReset={reset}>
      <div className="order-widget">
        <Controls>
          <TextField label={t('order.sentence', { n: 1 })} value={first} maxLength={MAX_SENTENCE_CHARS} onChange={(v) => set({ first: v })} />
          <TextField label={t('order.sentence', { n: 2 })} value={second} maxLength={MAX_SENTENCE_CHARS} onChange={(v) => set({ second: v })} />
        </Controls>
        <div className="order-presets" role="group" aria-label={t('order.presets')}>
          <span className="order-presets-label">{t('order.presets')}:</span>
          {PRESETS.map(({ key, pair }) => (
            <Button key={key} onClick={() => set(pair)}>
              {t(key)}
            </Button>
          ))}
        </div>
        {runs.some((r) => r.truncated) && <p className="order-note">{t('order.truncated', { max: MAX_TOKENS })}</p>}

        <p className="order-heading">{t('order.bowHeading')}</p>
        <div className="scroll-box" tabIndex={0}>
          <table className={bagSame ? 'order-bow is-same' : 'order-bow'} aria-label={t('order.bowTable')}>
            <thead>
              <tr>
                <th scope="col">{t('order.word')}</th>
                {bags.vocabulary.map((word, i) => (
                  <th key={i} scope="col" className={bags.vectors[0][i] !== bags.vectors[1][i] ? 'is-diff' : undefined} lang={textLang(word)}>
                    {word}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {bags.vectors.map((counts, r) => (
                <tr key={r}>
                  <th scope="row">{t('order.sentence', { n: r + 1 })}</th>
                  {Array.from(counts, (c, i) => (
                    <td key={i} className={bags.vectors[0][i] !== bags.vectors[1][i] ? 'is-diff' : undefined}>
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="stats">
          <Stat label={t('order.bowIdentical')} value={<strong className={bagSame ? 'verdict is-same' : 'verdict is-diff'} data-testid="bow-verdict">{yesNo(bagSame)}</strong>} />
          <Stat label={t('order.bowDistance')} value={<span data-testid="bow-distance">{num(bagDistance, 4)}</span>} />
        </div>

        <p className="order-heading">{t('order.rnnHeading', { units: UNITS })}</p>
        <div className="order-statemaps">
          <StateMap run={runs[0]} n={1} />
          <StateMap run={runs[1]} n={2} />
        </div>
        <div className="order-finals">
          {runs.map((run, r) => (
            <Stat key={r} label={t('order.finalState', { n: r + 1 })} value={<code>{vec(run.final, 3)}</code>} />
          ))}
        </div>
        <div className="stats">
          <Stat label={t('order.stateSame')} value={<strong className={stateSame ? 'verdict is-same' : 'verdict is-diff'} data-testid="rnn-verdict">{yesNo(stateSame)}</strong>} />
          <Stat label={t('order.stateDistance')} value={<span data-testid="rnn-distance">{num(stateDistance, 4)}</span>} />
        </div>
        <p className="order-why" role="status" data-testid="order-why">
          {t(why)}
        </p>
        <p className="order-note">
          {t('order.synonymNote')} <span lang="en">{SYNONYMS.map((g) => g.join(' = ')).join('; ')}</span>
        </p>
      </div>
    </WidgetShell>
  );
}

export default function OrderMatters() {
  return (
    <OrderStore.Linked param="order-matters">
      <OrderMattersView />
    </OrderStore.Linked>
  );
}
