/** The small Moby-Dick summary the data step writes (vocabulary, counts, first chapter). */
import { useEffect, useState } from 'react';
import type { Translate } from '../../book/i18n';
import { BookError, type ReaderError, describeError } from '../../engine/errors';

/** What the data step (scripts/data/mobyDick.ts) writes to moby-dick.json. */
export interface MobyDickInfo {
  title: string;
  license: string;
  characters: number;
  /** Every distinct character, sorted by code point: the vocabulary's id order. */
  vocabulary: string[];
  /** How often each vocabulary character occurs, in vocabulary order. */
  counts: number[];
  /** The text of "CHAPTER 1. Loomings.", for widgets that need a page of real prose. */
  firstChapter: string;
}

/**
 * A corpus or model name as the widgets show it: the worker calls the novel "moby-dick" (an id,
 * kept in checkpoints) and the widgets give its title in the reader's language; a reader's file
 * keeps its own name.
 */
export function corpusTitle(name: string, t: Translate): string {
  return name === 'moby-dick' ? t('charLm.corpus.mobyDick') : name;
}

export const MOBY_DICK_TEXT_URL = `${import.meta.env.BASE_URL}generated/moby-dick.txt`;
const INFO_URL = `${import.meta.env.BASE_URL}generated/moby-dick.json`;

let cached: Promise<MobyDickInfo> | null = null;

function loadInfo(): Promise<MobyDickInfo> {
  cached ??= fetch(INFO_URL).then(async (r) => {
    if (!r.ok) throw new BookError('data.http', `Could not load ${INFO_URL} (HTTP ${r.status}); run npm run data.`, { url: INFO_URL, status: r.status });
    return (await r.json()) as MobyDickInfo;
  });
  cached.catch(() => (cached = null));
  return cached;
}

export function useMobyDickInfo(): { info: MobyDickInfo | null; error: ReaderError | null } {
  const [state, setState] = useState<{ info: MobyDickInfo | null; error: ReaderError | null }>({ info: null, error: null });
  useEffect(() => {
    let live = true;
    loadInfo().then(
      (info) => live && setState({ info, error: null }),
      (error: unknown) => live && setState({ info: null, error: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
