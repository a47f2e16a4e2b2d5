/**
 * Wraps a chapter's sentiment widgets so they share one dataset, one model and one worker.
 *
 *   <SentimentLab storageKey="ch04" cell="simpleRNN" units={40}>
 *     <SentimentData /> <SentimentTrainer /> <SentimentInspect />
 *   </SentimentLab>
 *
 * Each storageKey keeps its own settings (localStorage) and trained model (IndexedDB). The links
 * of the widgets inside (their state in the page's address) are read here, once, so the lab's
 * store starts from them.
 */
import { type ReactNode, useEffect, useState } from 'react';
import type { SentimentCell } from '../../engine/sentimentModels';
import { DEFAULT_PREP, DEFAULT_SETTINGS, type SentimentLabDefaults, cleanPrep, cleanSettings } from '../../engine/sentimentSettings';
import { dataLink, sentimentStore, trainerLink } from '../../state/sentimentStore';
import { LinkNotes, useStoreLinks } from '../../state/storeLinks';

export interface SentimentLabProps {
  storageKey?: string;
  cell?: SentimentCell;
  units?: number;
  embeddingDim?: number;
  layers?: number;
  epochs?: number;
  learningRate?: number;
  batchSize?: number;
  patience?: number;
  /** Dropout after each recurrent layer (0 = none). */
  dropout?: number;
  /** Wrap the recurrent layer(s) in Bidirectional. */
  bidirectional?: boolean;
  padding?: 'pre' | 'post';
  maxlen?: number;
  numWords?: number;
  children?: ReactNode;
}

function Init({ storageKey, defaults }: { storageKey: string; defaults: SentimentLabDefaults }) {
  const init = sentimentStore.useStore((s) => s.init);
  const id = JSON.stringify(defaults);
  useEffect(() => {
    void init(storageKey, JSON.parse(id) as SentimentLabDefaults);
  }, [init, storageKey, id]);
  return null;
}

export function SentimentLab({ storageKey = 'sentiment', children, padding, maxlen, numWords, ...settings }: SentimentLabProps) {
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const defaults: SentimentLabDefaults = { settings: defined(settings), prep: defined({ padding, maxlen, numWords }) };
  const [links] = useState(() => [
    trainerLink(storageKey, cleanSettings({ ...DEFAULT_SETTINGS, ...defaults.settings })),
    dataLink(storageKey, cleanPrep({ ...DEFAULT_PREP, ...defaults.prep })),
  ]);
  const { start, notes } = useStoreLinks(links);
  return (
    <LinkNotes notes={notes}>
      <sentimentStore.Provider storageKey={`sentiment-${storageKey}`} init={start}>
        <Init storageKey={storageKey} defaults={defaults} />
        {children}
      </sentimentStore.Provider>
    </LinkNotes>
  );
}

export const useSentiment = sentimentStore.useStore;

export default SentimentLab;
