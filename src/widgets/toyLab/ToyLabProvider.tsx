import type { ReactNode } from 'react';
import { type ToyCell, toyLabStores } from '../../state/toyLabStore';
import { ToyCellContext } from './useToyLab';

/** Wraps a chapter's toy-model widgets so they share one model, one dataset and one worker. */
export function ToyLabProvider({ cell, storageKey, children }: { cell: ToyCell; storageKey: string; children?: ReactNode }) {
  const Lab = toyLabStores[cell];
  return (
    <ToyCellContext.Provider value={cell}>
      <Lab.Provider storageKey={storageKey}>{children}</Lab.Provider>
    </ToyCellContext.Provider>
  );
}

export const ToyRnnLab = ({ children }: { children?: ReactNode }) => (
  <ToyLabProvider cell="simpleRNN" storageKey="toy-rnn">
    {children}
  </ToyLabProvider>
);

export const ToyLstmLab = ({ children }: { children?: ReactNode }) => (
  <ToyLabProvider cell="lstm" storageKey="toy-lstm">
    {children}
  </ToyLabProvider>
);
