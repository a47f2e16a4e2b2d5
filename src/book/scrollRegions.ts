/**
 * Keyboard access to whatever scrolls inside a chapter: a display equation or code listing wider
 * than the column, a wide table, a plot wider than a phone. A reader without a mouse can only
 * scroll a box that takes focus, so each box that really overflows (and has nothing focusable
 * inside to scroll it into view) gets tabindex="0", a role and a name; once it fits again, what
 * was added is taken away. Boxes that fit stay out of the tab order, which a static tabindex on
 * every equation could not do.
 *
 * This pass is for the prose, whose boxes change size only with the column and the fonts. A
 * widget's own scrolling boxes (code, tables, strips) carry tabIndex={0} themselves: their content
 * changes in ways no observer here sees in time (a panel shown by an attribute, a table filled
 * after training), and a test or a reader may tab to them at any moment.
 *
 * Which boxes scroll is read from the layout (computed overflow + scroll size), not from a list of
 * class names, so a new scrolling style cannot be forgotten here.
 */
import { useEffect, type RefObject } from 'react';

/** Marks what this module added, so it removes only that. */
const ADDED = 'data-scroll-region';
/** On the root while a scan is scheduled (test/browser/axe.test.ts waits for it to go). */
export const PENDING = 'data-scroll-regions-pending';
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
/** Generic containers take role="group" (a name on them is otherwise not allowed). */
const GENERIC = new Set(['DIV', 'SPAN', 'PRE', 'CODE', 'P']);
/** At most one scan per this many ms while the page keeps changing (a training chart redraws often). */
const THROTTLE_MS = 150;
/** The class of a widget's content box (src/widgets/shell/WidgetShell.tsx). */
const WIDGET_BODY = 'widget-body';

function scrolls(element: HTMLElement): boolean {
  const wide = element.scrollWidth > element.clientWidth + 1;
  const tall = element.scrollHeight > element.clientHeight + 1;
  if (!wide && !tall) return false;
  const style = getComputedStyle(element);
  const scrollable = (value: string) => value === 'auto' || value === 'scroll';
  return (wide && scrollable(style.overflowX)) || (tall && scrollable(style.overflowY));
}

function hasFocusableInside(element: HTMLElement): boolean {
  return element.querySelector(FOCUSABLE) !== null;
}

function mark(element: HTMLElement, label: string): void {
  if (element.hasAttribute('tabindex')) return;
  const added: string[] = ['tabindex'];
  element.tabIndex = 0;
  if (!element.hasAttribute('role') && GENERIC.has(element.tagName)) {
    element.setAttribute('role', 'group');
    added.push('role');
  }
  if (element.getAttribute('role') === 'group' && !element.hasAttribute('aria-label') && !element.hasAttribute('aria-labelledby')) {
    element.setAttribute('aria-label', label);
    added.push('aria-label');
  }
  element.setAttribute(ADDED, added.join(' '));
}

function unmark(element: HTMLElement): void {
  for (const name of (element.getAttribute(ADDED) ?? '').split(' ')) if (name) element.removeAttribute(name);
  element.removeAttribute(ADDED);
}

/**
 * One pass over `root`: marks the boxes that scroll, unmarks the ones that no longer do. SVG
 * content never scrolls by itself, so it is not visited.
 */
export function markScrollRegions(root: HTMLElement, label: string): void {
  for (const element of root.querySelectorAll<HTMLElement>(`[${ADDED}]`)) {
    if (!scrolls(element)) unmark(element);
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => (node instanceof SVGElement ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node as HTMLElement;
    if (element.hasAttribute(ADDED) || element.hasAttribute('tabindex')) continue;
    if (scrolls(element) && !hasFocusableInside(element)) mark(element, label);
  }
}

/** A change the prose pass must look at: not SVG, not inside a widget's body. */
function outsideWidgets(record: MutationRecord): boolean {
  const target = record.target;
  if (target instanceof SVGElement || target.parentNode instanceof SVGElement) return false;
  const element = target instanceof Element ? target : target.parentElement;
  return !element?.closest(`.${WIDGET_BODY}`);
}

/** Keeps `markScrollRegions` true for the element in `ref` as its content and width change. */
export function useScrollRegions(ref: RefObject<HTMLElement | null>, label: string): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    // While a scan is due the root says so, so a test (or anything else) can wait for it to settle.
    const run = () => {
      timer = undefined;
      last = performance.now();
      markScrollRegions(root, label);
      root.removeAttribute(PENDING);
    };
    const schedule = () => {
      if (timer !== undefined) return;
      root.setAttribute(PENDING, '');
      timer = setTimeout(run, Math.max(0, last + THROTTLE_MS - performance.now()));
    };
    // New boxes and new text in the prose can make a box overflow; redrawn SVG cannot (a plot's
    // own box is HTML), and attribute changes are left out. Changes inside a mounted widget are
    // left out too: its scrolling boxes take focus themselves, and a scan reads the layout of the
    // whole chapter (tens of milliseconds), which a drag or a playing animation that rewrites the
    // widget's numbers every frame would otherwise pay every THROTTLE_MS. A widget mounting is a
    // change of its slot, outside its body, so a newly hydrated widget is still scanned once.
    const mutations = new MutationObserver((records) => {
      if (records.some(outsideWidgets)) schedule();
    });
    mutations.observe(root, { childList: true, subtree: true, characterData: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(root);
    // A web font, a widget's lazily loaded stylesheet or an image arriving late changes widths
    // without any change inside the chapter (load events do not bubble, but are seen capturing).
    document.fonts?.addEventListener('loadingdone', schedule);
    document.addEventListener('load', schedule, true);
    void document.fonts?.ready.then(schedule);
    run();
    return () => {
      document.fonts?.removeEventListener('loadingdone', schedule);
      document.removeEventListener('load', schedule, true);
      mutations.disconnect();
      resize.disconnect();
      root.removeAttribute(PENDING);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ref, label]);
}
