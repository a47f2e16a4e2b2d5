import { type ReactNode, useEffect } from 'react';
import { useLocale } from '../../book/i18n';
import { HELLO_WORDS, HelloStore } from '../../state/helloLmStore';

function BuildOnMount() {
  const build = HelloStore.useStore((s) => s.build);
  useEffect(() => void build(), [build]);
  return null;
}

/**
 * Wraps the "hello" widgets so they share one model and one worker. Each edition learns its own
 * word (helloLmStore.ts explains the Chinese one); a new word is a new model, hence the key.
 */
export default function HelloLab({ children }: { children?: ReactNode }) {
  const word = HELLO_WORDS[useLocale()];
  return (
    <HelloStore.Provider key={word} storageKey="hello-lab" init={word}>
      <BuildOnMount />
      {children}
    </HelloStore.Provider>
  );
}
