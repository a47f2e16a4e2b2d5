/**
 * The unrolled-cell explorer: an RNN, LSTM or GRU (or all three) run over the reader's sentence,
 * drawn once per token, with every weight draggable and every value in a table. Chapters write
 *
 *   <CellExplorer id="lstm-explorer" cell="lstm" />
 *   <CellExplorer id="gru-explorer" cell="gru" compare />
 *
 * `id` names the explorer's query parameter (?lstm-explorer=…), which holds its whole state, so a
 * link or a reload shows the same view; the shell's "Copy link" gives that link, and one that
 * cannot be read falls back to the defaults with the shell's note (state/urlState.ts). No tfjs here: the numbers come from the engine, on the main thread, in microseconds.
 */
import { type KeyboardEvent, useState } from 'react';
import { useLocale, useT } from '../../book/i18n';
import type { CellKind } from '../../engine/cellTrace';
import { ExplorerStore, useExplorer, useExplorerApi } from '../../state/explorerStore';
import { type LinkNote, readLink } from '../../state/urlState';
import { exampleSentences } from '../cell/exampleSentences';
import { WidgetShell } from '../shell';
import { CellPanel } from './CellPanel';
import { ExplorerControls } from './ExplorerControls';
import { type ExplorerProps, defaultConfig, encodeConfig, explorerLink } from '../../engine/explorerConfig';
import { TimeBar } from './TimeBar';
import { useExplorerUrl } from './useExplorerUrl';
import { EmbeddingTable, WeightEditor } from './WeightEditor';
import './explorer.css';

export interface CellExplorerProps extends ExplorerProps {
  /** The URL parameter and anchor of this explorer; unique on its page. */
  id: string;
}

const ALL: readonly CellKind[] = ['rnn', 'lstm', 'gru'];

/** Keys that move the time cursor, unless a control that uses them itself has the focus. */
function timeKey(event: KeyboardEvent<HTMLElement>): 'back' | 'forward' | 'play' | 'first' | 'last' | null {
  const target = event.target as HTMLElement;
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return null;
  if (target.closest('input, textarea, select, [role="slider"]')) return null;
  if (event.key === ' ' && target.closest('button')) return null;
  return ({ ArrowLeft: 'back', ArrowRight: 'forward', ' ': 'play', Home: 'first', End: 'last' } as const)[event.key] ?? null;
}

function ExplorerBody({ id }: { id: string }) {
  const t = useT();
  const store = useExplorerApi();
  const compare = useExplorer((s) => s.config.compare);
  const cell = useExplorer((s) => s.config.cell);
  const url = useExplorerUrl(id, store);
  // A drag holds back the link (written once at its end) and the gate tables (see CellPanel).
  const onDragStart = () => {
    url.hold();
    store.getState().setDragging(true);
  };
  const onCommit = () => {
    store.getState().setDragging(false);
    url.commit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const key = timeKey(event);
    if (!key) return;
    event.preventDefault();
    const s = store.getState();
    if (key === 'back') s.stepTime(-1);
    else if (key === 'forward') s.stepTime(1);
    else if (key === 'first') s.setTime(0);
    else if (key === 'last') s.setTime(s.tokens.length - 1);
    else {
      if (!s.playing && s.config.time >= s.tokens.length - 1) s.setTime(0);
      s.setPlaying(!s.playing);
    }
  };

  return (
    <div className="explorer" onKeyDown={onKeyDown}>
      <ExplorerControls />
      <TimeBar />
      <div
        className="explorer-time-region"
        data-compare={compare ? 'true' : undefined}
        tabIndex={0}
        role="group"
        aria-label={t('explorer.timeRegion')}
      >
        {(compare ? ALL : [cell]).map((kind) => (
          <CellPanel key={kind} kind={kind} showTitle={compare} explorerId={id} controls={!compare} onDragStart={onDragStart} onCommit={onCommit} />
        ))}
      </div>
      <WeightEditor onDragStart={onDragStart} onCommit={onCommit} />
      <EmbeddingTable onDragStart={onDragStart} onCommit={onCommit} />
    </div>
  );
}

export default function CellExplorer({ id, ...props }: CellExplorerProps) {
  const key = typeof id === 'string' && id.length > 0 ? id : 'cell-explorer';
  const locale = useLocale();
  const [boot] = useState(() => {
    // The chapter's sentence if it gives one, else the example in the page's language; a link wins over both.
    const initial = defaultConfig({ ...props, sentence: props.sentence ?? exampleSentences(locale).explorer });
    const { value, note } = readLink(key, explorerLink);
    return { start: value ?? initial, initial, note };
  });
  return (
    <ExplorerStore.Provider init={boot}>
      <ExplorerShell id={key} note={boot.note} />
    </ExplorerStore.Provider>
  );
}

/** The shell sits inside the provider so its Reset reaches this explorer's own store. */
function ExplorerShell({ id, note }: { id: string; note: LinkNote | null }) {
  const t = useT();
  const store = useExplorerApi();
  return (
    <WidgetShell
      title={t('explorer.title')}
      id={id}
      widget="CellExplorer"
      description={t('explorer.description')}
      onReset={() => store.getState().reset()}
      link={{ param: id, encode: () => encodeConfig(store.getState().config), note }}
    >
      <ExplorerBody id={id} />
    </WidgetShell>
  );
}
