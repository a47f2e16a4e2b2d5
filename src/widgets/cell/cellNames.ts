/**
 * What a reader hears and reads for each wire and block of a cell diagram, in their language.
 * Ids that show the same quantity (a bus and its feeds, a wire and its branch) share one name.
 */
import type { StringKey, Translate } from '../../book/i18n';
import type { DiagramKind } from '../../viz/cell/layout';

function canonical(id: string, resetAfter: boolean): string {
  if (id.startsWith('feed.x.')) return 'xBus';
  if (id.startsWith('feed.h.') || id === 'in.hPrev') return 'hBus';
  if (id === 'c.toTanh') return 'out.c';
  if (id === 'z.toOneMinus') return 'out.z';
  if (id === 'feed.reset' && resetAfter) return 'feed.resetAfter';
  return id;
}

export function cellNamer(kind: DiagramKind, resetAfter: boolean, t: Translate): (id: string) => string {
  return (id) => {
    const key = canonical(id, resetAfter);
    const specific = `cell.name.${kind}.${key}` as StringKey;
    const shared = `cell.name.${key}` as StringKey;
    const text = t(specific);
    return text === specific ? t(shared) : text;
  };
}
