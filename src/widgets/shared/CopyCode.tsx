/**
 * A code listing with a Copy button. The async clipboard API needs a secure context and
 * permission; where it is missing or refuses, a hidden textarea and execCommand('copy') take
 * over, and if that fails too the reader is told to copy by hand — never a silent no-op.
 */
import { useEffect, useState } from 'react';
import { useT } from '../../book/i18n';
import { Button } from '../shell/controls';

async function copyText(text: string): Promise<void> {
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no async clipboard');
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = typeof document.execCommand === 'function' && document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error('copy refused');
  }
}

export interface CopyCodeProps {
  code: string;
  language: string;
  /** The listing's heading, e.g. "Keras (Python)". */
  label: string;
  /** The button's text, e.g. "Copy as Keras". */
  action: string;
  testId: string;
}

export function CopyCode({ code, language, label, action, testId }: CopyCodeProps) {
  const t = useT();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (status !== 'copied') return;
    const timer = setTimeout(() => setStatus('idle'), 2500);
    return () => clearTimeout(timer);
  }, [status]);

  // New code means the old "Copied" no longer describes what is on screen.
  useEffect(() => setStatus('idle'), [code]);

  const copy = () => copyText(code).then(() => setStatus('copied'), () => setStatus('failed'));

  return (
    <section className="copy-code" data-testid={testId}>
      <div className="copy-code-bar">
        <h4>{label}</h4>
        <span role="status" className={status === 'failed' ? 'widget-problem' : 'ok'}>
          {status === 'copied' ? t('notebook.copied') : status === 'failed' ? t('notebook.copyFailed') : ''}
        </span>
        <Button onClick={copy}>{action}</Button>
      </div>
      <pre className={`language-${language}`} tabIndex={0}>
        <code>{code}</code>
      </pre>
    </section>
  );
}
