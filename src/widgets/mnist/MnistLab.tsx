import { type ReactNode, useEffect } from 'react';
import { MnistStore } from '../../state/mnistStore';

function LoadOnMount() {
  const load = MnistStore.useStore((s) => s.load);
  // Restores the weights this browser saved, if any; no digits are fetched yet.
  useEffect(() => void load(), [load]);
  return null;
}

/** Wraps the MNIST chapter's widgets: one worker, one model, shared by training and reading. */
export default function MnistLab({ children }: { children?: ReactNode }) {
  return (
    <MnistStore.Provider storageKey="mnist-rows">
      <LoadOnMount />
      {children}
    </MnistStore.Provider>
  );
}
