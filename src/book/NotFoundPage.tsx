import { useT } from './i18n';
import { Link } from './Link';
import { PageHeading } from './PageHeading';
import { homePath, useLocale } from './router';

export function NotFoundPage({ path }: { path: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="not-found prose">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body', { path })}</p>
      <p>
        <Link href={homePath(locale)}>{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
