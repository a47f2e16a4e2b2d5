import { useT } from './i18n';
import { reloadIntoUpdate, useUpdateState } from './serviceWorker';
import { Button } from '../widgets/shell/controls';

/** "A new version of the book is available. [Reload]" at the foot of the window, when there is one. */
export function UpdateNotice() {
  const t = useT();
  const state = useUpdateState();
  if (state === 'none') return null;
  return (
    <div className="update-notice" role="status">
      <p>{t(state === 'waiting' ? 'update.ready' : 'update.elsewhere')}</p>
      <Button onClick={reloadIntoUpdate}>{t('update.reload')}</Button>
    </div>
  );
}
