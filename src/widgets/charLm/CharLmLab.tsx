import { type ReactNode, useEffect } from 'react';
import { CharLmStore } from '../../state/charLmStore';

function LoadOnMount() {
  const load = CharLmStore.useStore((s) => s.load);
  // Resumes from the checkpoint this browser saved, if any.
  useEffect(() => void load(), [load]);
  return null;
}

/** Wraps the novel chapter's widgets: one worker, one text, one model. */
export default function CharLmLab({ children }: { children?: ReactNode }) {
  return (
    <CharLmStore.Provider storageKey="char-lm">
      <LoadOnMount />
      {children}
    </CharLmStore.Provider>
  );
}
