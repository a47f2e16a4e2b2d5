/** The explorer's settings: sentence, which cell(s), sizes, GRU variant and the presets. */
import { useLocale, useT } from '../../book/i18n';
import { type CellKind, CELL_KINDS } from '../../engine/cellTrace';
import { PRESET_IDS } from '../../engine/explorerPresets';
import { useExplorer, useExplorerApi } from '../../state/explorerStore';
import { exampleSentences } from '../cell/exampleSentences';
import { Button, Controls, Select, TextField, Toggle } from '../shell';
import { MAX_INPUT_DIM, MAX_SENTENCE_CHARS, UI_MAX_UNITS } from '../../engine/explorerConfig';

const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

export function ExplorerControls() {
  const t = useT();
  const presetSentences = exampleSentences(useLocale()).presets;
  const sentence = useExplorer((s) => s.config.sentence);
  const cell = useExplorer((s) => s.config.cell);
  const compare = useExplorer((s) => s.config.compare);
  const units = useExplorer((s) => s.config.units);
  const inputDim = useExplorer((s) => s.config.inputDim);
  const resetAfter = useExplorer((s) => s.config.resetAfter);
  const truncated = useExplorer((s) => s.truncated);
  const kept = useExplorer((s) => s.tokens.length);
  const total = useExplorer((s) => s.totalTokens);
  const api = useExplorerApi().getState();
  const unitChoices = range(Math.max(UI_MAX_UNITS, units));

  return (
    <div className="explorer-controls">
      <TextField label={t('explorer.sentence')} value={sentence} onChange={api.setSentence} maxLength={MAX_SENTENCE_CHARS} wide />
      {truncated && (
        <p className="explorer-note" role="status">
          {t('explorer.truncated', { kept, total })}
        </p>
      )}
      {kept === 0 && (
        <p className="explorer-note" role="status">
          {t('explorer.noTokens')}
        </p>
      )}
      <Controls>
        <Select<CellKind>
          label={compare ? t('explorer.cellEdited') : t('explorer.cell')}
          value={cell}
          onChange={api.setCell}
          options={CELL_KINDS.map((k) => ({ value: k, label: t(`explorer.kind.${k}`) }))}
        />
        <Select
          label={t('explorer.units')}
          value={String(units)}
          onChange={(v) => api.setSizes({ units: Number(v) })}
          options={unitChoices.map((v) => ({ value: v, label: v }))}
        />
        <Select
          label={t('explorer.inputDim')}
          value={String(inputDim)}
          onChange={(v) => api.setSizes({ inputDim: Number(v) })}
          options={range(MAX_INPUT_DIM).map((v) => ({ value: v, label: v }))}
        />
        <Toggle label={t('explorer.compare')} checked={compare} onChange={api.setCompare} />
        {(cell === 'gru' || compare) && (
          <Toggle label={t('explorer.resetAfter')} checked={resetAfter} onChange={(resetAfter) => api.setSizes({ resetAfter })} />
        )}
      </Controls>
      <div className="explorer-presets" role="group" aria-label={t('explorer.presets')}>
        <span className="explorer-presets-label" aria-hidden="true">
          {t('explorer.presets')}:
        </span>
        {PRESET_IDS.map((id) => (
          <Button key={id} onClick={() => api.applyPreset(id, presetSentences[id])}>
            {t(`explorer.preset.${id}`)}
          </Button>
        ))}
      </div>
    </div>
  );
}
