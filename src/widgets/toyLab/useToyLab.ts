/**
 * One toy-lab widget serves both toy chapters (SimpleRNN in recipe 3, LSTM in recipe 6). The
 * cell is chosen by the provider the chapter wraps its widgets in; these hooks find that store.
 */
import { createContext, useContext } from 'react';
import type { ToyCorpus } from '../../engine/toyCorpus';
import { type StoreLink, useStoreLink } from '../../state/storeLinks';
import { type ToyCell, type ToyLabState, corpusOf, toyLabStores, toyLinks } from '../../state/toyLabStore';
import type { WidgetLink } from '../../state/urlState';

export const ToyCellContext = createContext<ToyCell | null>(null);

function useCell(): ToyCell {
  const cell = useContext(ToyCellContext);
  if (!cell) throw new Error('Toy-model widgets must sit inside <ToyRnnLab> or <ToyLstmLab>.');
  return cell;
}

export function useToyLab<T>(selector: (state: ToyLabState) => T): T {
  return toyLabStores[useCell()].useStore(selector);
}

/** The link of the widget that shows this part of the lab's state. */
export function useToyLink(part: keyof ReturnType<typeof toyLinks>): WidgetLink {
  const cell = useCell();
  return useStoreLink(toyLabStores[cell].useStoreApi(), toyLinks(cell)[part] as StoreLink<ToyLabState, unknown>);
}

/** The lab's corpus, derived from its text fields (and cached by corpusOf). */
export function useToyCorpus(): ToyCorpus | Error {
  const docsText = useToyLab((s) => s.docsText);
  const labelsText = useToyLab((s) => s.labelsText);
  const padding = useToyLab((s) => s.padding);
  return corpusOf({ docsText, labelsText, padding });
}
