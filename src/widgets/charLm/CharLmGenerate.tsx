/**
 * Generation with a prime text, length, top-N and temperature. Each generated character carries
 * a bar for the probability it was chosen with; selecting one shows the distribution it came from.
 */
import { useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { CHAR_LM_GENERATE_LINK } from '../../state/charLmLinks';
import { CharLmStore } from '../../state/charLmStore';
import { useStoreLink } from '../../state/storeLinks';
import { num } from '../../viz/format';
import { ProbabilityBars } from '../../viz/ProbabilityBars';
import { Button, Controls, NumberField, Slider, TextArea, WidgetShell } from '../shell';
import { textLang } from '../shared/textLang';
import { corpusTitle } from './useMobyDick';

export default function CharLmGenerate() {
  const t = useT();
  const te = useErrorText();
  const gen = CharLmStore.useStore((s) => s.gen);
  const setGen = CharLmStore.useStore((s) => s.setGen);
  const generate = CharLmStore.useStore((s) => s.generate);
  const generated = CharLmStore.useStore((s) => s.generated);
  const generating = CharLmStore.useStore((s) => s.generating);
  const genError = CharLmStore.useStore((s) => s.genError);
  const phase = CharLmStore.useStore((s) => s.phase);
  const model = CharLmStore.useStore((s) => s.model);
  const link = useStoreLink(CharLmStore.useStoreApi(), CHAR_LM_GENERATE_LINK);
  const [selected, setSelected] = useState(0);
  const chosen = generated?.chars[Math.min(selected, generated.chars.length - 1)];

  return (
    <WidgetShell link={link} title={t('charLm.gen.title')} widget="CharLmGenerate" ready={phase !== 'idle' && phase !== 'loading'}>
      <Controls>
        <TextArea label={t('charLm.gen.prime')} value={gen.prime} rows={2} onChange={(prime) => setGen({ prime })} />
        <NumberField label={t('charLm.gen.length')} value={gen.length} min={1} max={2000} step={50} onChange={(v) => setGen({ length: Math.round(v) })} />
        <NumberField label={t('charLm.topN')} value={gen.topN} min={0} max={200} onChange={(v) => setGen({ topN: Math.round(v) })} />
        <Slider label={t('charLm.temperature')} value={gen.temperature} min={0.1} max={2} step={0.05} onChange={(temperature) => setGen({ temperature })} />
        <NumberField label={t('charLm.seed')} value={gen.seed} min={0} max={1e9} onChange={(v) => setGen({ seed: Math.round(v) })} />
        <Button className="primary" onClick={() => (setSelected(0), void generate())} disabled={generating || phase === 'loading' || phase === 'idle'}>
          {t('charLm.gen.go')}
        </Button>
      </Controls>
      {model && <p className="caption">{t('charLm.gen.model', { name: model.source === 'imported' ? t('charLm.gen.imported') : corpusTitle(model.name, t) })}</p>}
      {genError && (
        <p role="alert" className="widget-problem">
          {te(genError)}
        </p>
      )}
      {generated && (
        <>
          <div className="char-generated-text" data-testid="generated">
            <span className="char-prime" lang={textLang(generated.prime)}>
              {generated.prime}
            </span>
            {generated.chars.map((c, i) => (
              <button
                key={i}
                type="button"
                className={i === selected ? 'char-gen char-gen-selected' : 'char-gen'}
                onClick={() => setSelected(i)}
                aria-label={t('charLm.gen.pick', { i: i + 1, char: c.char }) + `, p = ${num(c.p, 3)}`}
                style={{ ['--p' as string]: String(c.p) }}
              >
                {c.char === '\n' ? '↵\n' : c.char}
              </button>
            ))}
          </div>
          {chosen && (
            <>
              <p data-testid="gen-selected">{t('charLm.gen.pick', { i: selected + 1, char: chosen.char === '\n' ? '↵' : chosen.char })} · p = {num(chosen.p, 4)}</p>
              <ProbabilityBars labels={chosen.top.map((x) => x.char)} values={chosen.top.map((x) => x.p)} highlight={chosen.top.findIndex((x) => x.char === chosen.char)} label={t('charLm.probBars')} />
            </>
          )}
        </>
      )}
    </WidgetShell>
  );
}
