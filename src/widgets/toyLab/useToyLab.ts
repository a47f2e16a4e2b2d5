/**
 * One toy-lab widget serves both toy chapters (SimpleRNN in recipe 3, LSTM in recipe 6). The
 * cell is chosen by the provider the chapter wraps its widgets in; this hook finds that store.
 */
import { createContext, useContext } from 'react';
import type { ToyCorpus } from '../../engine/toyCorpus';
import { type ToyCell, type ToyLabState, corpusOf, toyLabStores } from '../../state/toyLabStore';

export const ToyCellContext = createContext<ToyCell | null>(null);

export function useToyLab<T>(selector: (state: ToyLabState) => T): T {
  const cell = useContext(ToyCellContext);
  if (!cell) throw new Error('Toy-model widgets must sit inside <ToyRnnLab> or <ToyLstmLab>.');
  return toyLabStores[cell].useStore(selector);
}

/** The lab's corpus, derived from its text fields (and cached by corpusOf). */
export function useToyCorpus(): ToyCorpus | Error {
  const docsText = useToyLab((s) => s.docsText);
  const labelsText = useToyLab((s) => s.labelsText);
  const padding = useToyLab((s) => s.padding);
  return corpusOf({ docsText, labelsText, padding });
}
