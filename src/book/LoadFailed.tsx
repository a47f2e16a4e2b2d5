import { Button } from '../widgets/shell/controls';
import { useT, type StringKey } from './i18n';

/** A part of the book whose code could not be downloaded: say so (and whether we are offline), offer a retry. */
export function LoadFailed({ title, error, onRetry }: { title: StringKey; error: Error; onRetry: () => void }) {
  const t = useT();
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return (
    <div className="widget-error" role="alert">
      <p className="widget-error-title">{t(title)}</p>
      {offline && <p>{t('offline.notCached')}</p>}
      {error.message && <pre className="widget-error-message">{error.message}</pre>}
      <Button onClick={onRetry}>{t('widget.tryAgain')}</Button>
    </div>
  );
}
