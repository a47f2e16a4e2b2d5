import type { ChapterIndexEntry } from './chapters';
import { useT } from './i18n';
import { Link } from './Link';
import { sourcesPath, useLocale } from './router';
import { sourceOf } from './sources';

/**
 * "Source: recipe 3; from A Keras cookbook, chapter 11 …": where a chapter's material comes from.
 * The frontmatter names the source files; the reader sees their titles, each a link to its entry
 * on the Sources page. The home page shows only the recipes; the chapter foot names the texts.
 */
export function ChapterSource({ entry, withSources = false }: { entry: ChapterIndexEntry; withSources?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { recipes } = entry;
  const sources = withSources ? entry.sources.map(sourceOf).filter((s) => s !== undefined) : [];
  if (recipes.length === 0 && sources.length === 0) return null;
  return (
    <p className="chapter-source">
      {t('chapter.source')}:{' '}
      {recipes.length > 0 && `${t(recipes.length === 1 ? 'chapter.recipe' : 'chapter.recipes')} ${recipes.join(', ')}`}
      {recipes.length > 0 && sources.length > 0 && '; '}
      {sources.length > 0 && t('chapter.from')}
      {sources.map((source, i) => (
        <span key={source.id}>
          {i > 0 ? ', ' : ' '}
          <Link href={`${sourcesPath(locale)}#${source.id}`}>{source.title[locale]}</Link>
        </span>
      ))}
    </p>
  );
}
