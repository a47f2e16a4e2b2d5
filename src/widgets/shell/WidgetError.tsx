import { useErrorText, useT } from '../../book/i18n';
import { Button } from './controls';

/** The readable replacement for a crashed widget: what happened and a way to start it over. */
export function WidgetError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const t = useT();
  const te = useErrorText();
  return (
    <div className="widget-error" role="alert">
      <p className="widget-error-title">{t('widget.error')}</p>
      {error.message && <pre className="widget-error-message">{te(error)}</pre>}
      <Button onClick={onRetry}>{t('widget.tryAgain')}</Button>
    </div>
  );
}
