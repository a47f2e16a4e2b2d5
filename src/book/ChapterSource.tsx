import type { ChapterIndexEntry } from './chapters';
import { useT } from './i18n';

/**
 * "Source: recipe 3; seeds 000_dfb…": where a chapter's material comes from, from its frontmatter.
 * The home page leaves the seed files out; the chapter foot lists them.
 */
export function ChapterSource({ entry, withSeeds = false }: { entry: ChapterIndexEntry; withSeeds?: boolean }) {
  const t = useT();
  const { recipes } = entry;
  const seeds = withSeeds ? entry.sources : [];
  if (recipes.length === 0 && seeds.length === 0) return null;
  return (
    <p className="chapter-source">
      {t('chapter.source')}:{' '}
      {recipes.length > 0 && `${t(recipes.length === 1 ? 'chapter.recipe' : 'chapter.recipes')} ${recipes.join(', ')}`}
      {recipes.length > 0 && seeds.length > 0 && '; '}
      {seeds.length > 0 && t(seeds.length === 1 ? 'chapter.seed' : 'chapter.seeds')}
      {seeds.map((file, i) => (
        <span key={file}>
          {i > 0 ? ', ' : ' '}
          <code>{file}</code>
        </span>
      ))}
    </p>
  );
}
