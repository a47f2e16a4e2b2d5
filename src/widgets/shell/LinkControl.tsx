/**
 * "Copy link to this state": the shell's control that turns the widget's current state into a
 * link (state/urlState.ts). The link is shown as well as copied, because the clipboard is often
 * blocked (an iframe, an old browser, no permission) and the reader can still select it.
 */
import { useId, useState } from 'react';
import { useT } from '../../book/i18n';
import { linkTo } from '../../state/urlState';
import { Button } from './controls';

export interface LinkControlProps {
  param: string;
  /** Without it (a widget with no state of its own) the link is only the anchor. */
  encode?: () => string;
  /** The widget trains weights, which a link does not carry: say so and point to the export. */
  weights?: boolean;
  /** The widget reads the reader's files, which a link never carries: say so. */
  files?: boolean;
}

export function LinkControl({ param, encode, weights = false, files = false }: LinkControlProps) {
  const t = useT();
  const fieldId = useId();
  const [link, setLink] = useState<{ url: string; copied: boolean } | null>(null);

  const copy = async () => {
    const url = linkTo(param, encode ? encode() : null);
    setLink({ url, copied: false });
    try {
      await navigator.clipboard.writeText(url);
      setLink({ url, copied: true });
    } catch {
      // Shown below with the "select it yourself" hint.
    }
  };

  return (
    <div className="widget-link">
      <Button onClick={() => void copy()}>{t('widget.link.copy')}</Button>
      {link && (
        <>
          <label className="widget-link-field" htmlFor={fieldId}>
            <span className="visually-hidden">{t('widget.link.label')}</span>
            <input id={fieldId} readOnly value={link.url} data-testid="widget-link" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <span aria-live="polite">{link.copied ? t('widget.link.copied') : t('widget.link.select')}</span>
        </>
      )}
      {weights && <p className="widget-link-weights">{t('widget.link.weights', { export: t('notebook.title') })}</p>}
      {files && <p className="widget-link-weights">{t('widget.link.files')}</p>}
    </div>
  );
}
