/**
 * The prose pass (src/book/scrollRegions.ts) rescans the chapter when the prose changes, and not
 * when a mounted widget rewrites its own numbers: a scan reads the layout of the whole chapter,
 * which a drag or a playing animation would otherwise pay every few frames.
 */
import { act, render } from '@testing-library/react';
import { useRef } from 'react';
import { describe, expect, it } from 'vitest';
import { PENDING, useScrollRegions } from '../../src/book/scrollRegions';

function Chapter() {
  const ref = useRef<HTMLDivElement>(null);
  useScrollRegions(ref, 'scrolls');
  return (
    <div ref={ref} data-testid="body">
      <p id="prose">text</p>
      <figure className="widget">
        <div className="widget-body">
          <span id="number">0.5</span>
        </div>
      </figure>
      <div id="slot" />
    </div>
  );
}

/** Lets the mutation observers' callbacks run. */
const flush = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 400)));

/** Counts the scans scheduled on `body` (each sets the pending flag, which a scan then clears). */
function countScheduled(body: HTMLElement): () => number {
  let scheduled = 0;
  new MutationObserver((records) => {
    scheduled += records.filter((r) => r.attributeName === PENDING && body.hasAttribute(PENDING)).length;
  }).observe(body, { attributes: true, attributeFilter: [PENDING] });
  return () => scheduled;
}

describe('scroll regions', () => {
  it('rescans after a prose change or a widget mounting, not after a change inside a widget', async () => {
    const { getByTestId, container } = render(<Chapter />);
    const body = getByTestId('body');
    // The first scan runs at once; wait out a scan scheduled by fonts or the observers starting.
    await settle();
    expect(body.hasAttribute(PENDING)).toBe(false);
    const scheduled = countScheduled(body);

    container.querySelector('#number')!.firstChild!.nodeValue = '0.75';
    container.querySelector('#number')!.appendChild(document.createElement('b'));
    await settle();
    expect(scheduled()).toBe(0);

    container.querySelector('#prose')!.firstChild!.nodeValue = 'longer text';
    await flush();
    expect(scheduled()).toBe(1);

    await settle();
    expect(body.hasAttribute(PENDING)).toBe(false);
    // A widget replacing its placeholder: the slot changes, outside any widget body.
    container.querySelector('#slot')!.appendChild(document.createElement('figure'));
    await flush();
    expect(scheduled()).toBe(2);
  });
});
