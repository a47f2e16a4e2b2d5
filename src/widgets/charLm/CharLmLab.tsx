import { type ReactNode, useEffect } from 'react';
import { CHAR_LM_GENERATE_LINK, CHAR_LM_TRAINING_LINK } from '../../state/charLmLinks';
import { CharLmStore } from '../../state/charLmStore';
import { LinkNotes, useStoreLinks } from '../../state/storeLinks';

/** The links of the widgets whose settings are in the lab's store, read before it first loads. */
const LINKS = [CHAR_LM_TRAINING_LINK, CHAR_LM_GENERATE_LINK];

function LoadOnMount() {
  const load = CharLmStore.useStore((s) => s.load);
  // Resumes from the checkpoint this browser saved, if any.
  useEffect(() => void load(), [load]);
  return null;
}

/** Wraps the novel chapter's widgets: one worker, one text, one model. */
export default function CharLmLab({ children }: { children?: ReactNode }) {
  const { start, notes } = useStoreLinks(LINKS);
  return (
    <LinkNotes notes={notes}>
      <CharLmStore.Provider storageKey="char-lm" init={start}>
        <LoadOnMount />
        {children}
      </CharLmStore.Provider>
    </LinkNotes>
  );
}
