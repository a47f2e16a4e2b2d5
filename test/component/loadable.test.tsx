import { act, fireEvent, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { loadable } from '../../src/book/loadable';
import { ErrorBoundary } from '../../src/widgets/shell/ErrorBoundary';
import { WidgetError } from '../../src/widgets/shell/WidgetError';

const Ready = () => <p>the widget</p>;

describe('loadable', () => {
  it('imports again after a failed download, so "Try again" really refetches', async () => {
    // Offline until the test says otherwise: every download fails, as a dropped connection would.
    let online = false;
    const load = vi.fn(async () => {
      if (!online) throw new TypeError('Failed to fetch dynamically imported module');
      return { default: Ready };
    });
    const widget = loadable(load);
    function Loaded() {
      const Widget = widget.component();
      return <Widget />;
    }
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(
      <ErrorBoundary fallback={(error, retry) => <WidgetError error={error} onRetry={retry} />}>
        <Suspense fallback={<p>loading</p>}>
          <Loaded />
        </Suspense>
      </ErrorBoundary>,
    );
    expect(await screen.findByText(/Failed to fetch/)).toBeTruthy();
    const failedAttempts = load.mock.calls.length;
    online = true;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })));
    expect(await screen.findByText('the widget')).toBeTruthy();
    // The retry started a new download (React.lazy alone would rethrow the first failure).
    expect(load.mock.calls.length).toBe(failedAttempts + 1);
  });

  it('renders a preloaded component directly, without suspending', async () => {
    const load = vi.fn(async () => ({ default: Ready }));
    const widget = loadable(load);
    await widget.preload();
    expect(widget.component()).toBe(Ready);
    await widget.preload();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
