/**
 * The Chinese edition's glossary rules (content/glossary.zh.json), as a pure function so the test
 * can run it both on the real book and on small samples that must fail:
 * - every term's `zh` is used somewhere in the Chinese edition (a zh chapter or a zh UI string);
 * - none of its `avoid` variants is used anywhere in it;
 * - a term's own `zh` does not contain one of its `avoid` variants (it could never pass);
 * - entries are sorted by `en` (case-insensitive) and no `en` or `zh` appears twice.
 */
export interface GlossaryTerm {
  en: string;
  zh: string;
  avoid?: string[];
}

export interface Glossary {
  terms: GlossaryTerm[];
}

/** Named texts of the Chinese edition: a chapter file name or a dictionary key, and its text. */
export type Texts = Record<string, string>;

const sortKey = (term: GlossaryTerm) => term.en.toLowerCase();

export function checkGlossary(glossary: Glossary, texts: Texts): string[] {
  const problems: string[] = [];
  const terms = glossary.terms;
  const names = Object.keys(texts);
  const where = (needle: string) => names.filter((name) => texts[name].includes(needle));

  for (let i = 1; i < terms.length; i++) {
    if (sortKey(terms[i - 1]) > sortKey(terms[i])) problems.push(`order: "${terms[i - 1].en}" comes before "${terms[i].en}"`);
  }
  for (const field of ['en', 'zh'] as const) {
    const seen = new Map<string, number>();
    for (const term of terms) {
      const key = field === 'en' ? sortKey(term) : term.zh;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const [key, count] of seen) if (count > 1) problems.push(`duplicate ${field}: "${key}" appears ${count} times`);
  }
  for (const term of terms) {
    if (!term.zh.trim()) {
      problems.push(`"${term.en}" has no zh term`);
      continue;
    }
    if (where(term.zh).length === 0) problems.push(`unused: "${term.zh}" (${term.en}) appears in no zh chapter or zh UI string`);
    for (const variant of term.avoid ?? []) {
      if (term.zh.includes(variant)) problems.push(`"${term.en}": the term "${term.zh}" contains its own avoided variant "${variant}"`);
      const found = where(variant);
      if (found.length > 0) problems.push(`avoided variant "${variant}" (use "${term.zh}" for ${term.en}) in ${found.join(', ')}`);
    }
  }
  return problems;
}
