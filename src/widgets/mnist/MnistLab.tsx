import { type ReactNode, useEffect } from 'react';
import { MnistStore } from '../../state/mnistStore';
import { MNIST_TRAINING_LINK } from '../../state/mnistTrainingLink';
import { LinkNotes, useStoreLinks } from '../../state/storeLinks';

/** The links of the widgets whose state is in the lab's store, read before it first loads. */
const LINKS = [MNIST_TRAINING_LINK];

function LoadOnMount() {
  const load = MnistStore.useStore((s) => s.load);
  // Restores the weights this browser saved, if any; no digits are fetched yet.
  useEffect(() => void load(), [load]);
  return null;
}

/** Wraps the MNIST chapter's widgets: one worker, one model, shared by training and reading. */
export default function MnistLab({ children }: { children?: ReactNode }) {
  const { start, notes } = useStoreLinks(LINKS);
  return (
    <LinkNotes notes={notes}>
      <MnistStore.Provider storageKey="mnist-rows" init={start}>
        <LoadOnMount />
        {children}
      </MnistStore.Provider>
    </LinkNotes>
  );
}
