/**
 * A bidirectional layer on a short sentence, step by step, computed by the engine: the forward
 * copy's states left to right; the backward copy reading the reversed sentence, then its states
 * reversed back into place; and the two joined per token. The last line is what the layer hands
 * on without return_sequences, [h→ of the last token, h← of the first].
 * (test/parity/bidirectional.parity.test.ts checks this against tfjs' Bidirectional.)
 */
import { useT } from '../../book/i18n';
import { BidiStore, MAX_BIDI_CHARS } from '../../state/bidiStore';
import { vec } from '../../viz/format';
import { Controls, Select, TextField, WidgetShell } from '../shell';
import { DEMO_FEATURES, DEMO_UNITS, runDemo } from './bidirectionalDemo';

const v = (values: ArrayLike<number>) => vec(values, 3);

function Steps() {
  const t = useT();
  const { text, cell, set, reset } = BidiStore.useStore((s) => s);
  const run = runDemo(text, cell);
  const last = run ? run.tokens.length - 1 : 0;

  return (
    <WidgetShell
      link={BidiStore.useLink()}
      title={t('bidi.title')}
      widget="BidirectionalSteps"
      onReset={reset}
      description={t('bidi.description', { features: DEMO_FEATURES, units: DEMO_UNITS })}
    >
      <Controls>
        <TextField label={t('bidi.sentence')} value={text} onChange={(value) => set({ text: value })} maxLength={MAX_BIDI_CHARS} wide />
        <Select
          label={t('bidi.cell')}
          value={cell}
          onChange={(value) => set({ cell: value })}
          options={[
            { value: 'lstm', label: `LSTM(${DEMO_UNITS})` },
            { value: 'simpleRNN', label: `SimpleRNN(${DEMO_UNITS})` },
          ]}
        />
      </Controls>
      {!run ? (
        <p role="status">{t('bidi.empty')}</p>
      ) : (
        <>
          {run.truncated && <p role="status">{t('bidi.truncated', { n: run.tokens.length })}</p>}
          <h4>{t('bidi.backwardRunHeading')}</h4>
          <div className="table-scroll" tabIndex={0}>
            <table className="compact bidi-run" data-testid="bidi-backward-run">
              <thead>
                <tr>
                  <th scope="col">{t('bidi.runStep')}</th>
                  <th scope="col">{t('bidi.reads')}</th>
                  <th scope="col">{t('bidi.backwardState')}</th>
                  <th scope="col">{t('bidi.landsAt')}</th>
                </tr>
              </thead>
              <tbody>
                {run.backwardRun.map((h, k) => (
                  <tr key={k}>
                    <td>{k}</td>
                    <td>
                      <code>{run.tokens[last - k]}</code>
                    </td>
                    <td>
                      <code>{v(h)}</code>
                    </td>
                    <td>
                      {t('bidi.position')} {last - k}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h4>{t('bidi.mergedHeading')}</h4>
          <div className="table-scroll" tabIndex={0}>
            <table className="compact bidi-merged" data-testid="bidi-merged">
              <thead>
                <tr>
                  <th scope="col">t</th>
                  <th scope="col">{t('bidi.token')}</th>
                  <th scope="col">h→ₜ</th>
                  <th scope="col">h←ₜ</th>
                  <th scope="col">[h→ₜ, h←ₜ]</th>
                </tr>
              </thead>
              <tbody>
                {run.tokens.map((token, i) => (
                  <tr key={i} data-token={token}>
                    <td>{i}</td>
                    <td>
                      <code>{token}</code>
                    </td>
                    <td>
                      <code className="bidi-forward">{v(run.forward[i])}</code>
                    </td>
                    <td>
                      <code className="bidi-backward">{v(run.backward[i])}</code>
                    </td>
                    <td>
                      <code data-testid={`bidi-concat-${i}`}>{v(run.merged[i])}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p data-testid="bidi-last">
            {t('bidi.last', { lastIndex: last })}: <code>{v(run.last)}</code>
          </p>
        </>
      )}
    </WidgetShell>
  );
}

export default function BidirectionalSteps() {
  return (
    <BidiStore.Linked param="bidirectional-steps">
      <Steps />
    </BidiStore.Linked>
  );
}
