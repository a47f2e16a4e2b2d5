import type { ReactNode } from 'react';
import { LinkNotes, useStoreLinks } from '../../state/storeLinks';
import { TOY_NAMES, type ToyCell, toyLabStores, toyLinks } from '../../state/toyLabStore';
import { ToyCellContext } from './useToyLab';

const LINKS = { simpleRNN: toyLinks('simpleRNN'), lstm: toyLinks('lstm') } as const;

/**
 * Wraps a chapter's toy-model widgets so they share one model, one dataset and one worker. The
 * page's links to the documents and to the training settings are read here, once, so the store
 * starts from them and builds the linked model first.
 */
export function ToyLabProvider({ cell, children }: { cell: ToyCell; children?: ReactNode }) {
  const Lab = toyLabStores[cell];
  const { start, notes } = useStoreLinks(Object.values(LINKS[cell]));
  return (
    <ToyCellContext.Provider value={cell}>
      <LinkNotes notes={notes}>
        <Lab.Provider storageKey={TOY_NAMES[cell]} init={start}>
          {children}
        </Lab.Provider>
      </LinkNotes>
    </ToyCellContext.Provider>
  );
}

export const ToyRnnLab = ({ children }: { children?: ReactNode }) => <ToyLabProvider cell="simpleRNN">{children}</ToyLabProvider>;

export const ToyLstmLab = ({ children }: { children?: ReactNode }) => <ToyLabProvider cell="lstm">{children}</ToyLabProvider>;
