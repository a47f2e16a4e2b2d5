import { useT } from './i18n';
import { Link } from './Link';
import { PageHeading } from './PageHeading';
import { HOME_PATH } from './router';
import { useDocumentTitle } from './useDocumentTitle';

export function NotFoundPage({ path }: { path: string }) {
  const t = useT();
  useDocumentTitle(t('page.title', { title: t('notFound.title') }));
  return (
    <div className="not-found prose">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body', { path })}</p>
      <p>
        <Link href={HOME_PATH}>{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
