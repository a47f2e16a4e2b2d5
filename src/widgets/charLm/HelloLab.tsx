import { type ReactNode, useEffect } from 'react';
import { HelloStore } from '../../state/helloLmStore';

function BuildOnMount() {
  const build = HelloStore.useStore((s) => s.build);
  useEffect(() => void build(), [build]);
  return null;
}

/** Wraps the "hello" widgets so they share one model and one worker. */
export default function HelloLab({ children }: { children?: ReactNode }) {
  return (
    <HelloStore.Provider storageKey="hello-lm">
      <BuildOnMount />
      {children}
    </HelloStore.Provider>
  );
}
