/**
 * Pause, resume and cancel for a running training loop, and the yield that lets those messages
 * in. A worker runs one loop at a time; its message handler flips these flags while the loop is
 * between steps, so each takes effect at the next step boundary (one step, well under 200 ms for
 * the browser-sized models; the book-sized char model's step can take longer and cannot be cut).
 */
export class RunControl {
  private cancelled = false;
  private paused = false;
  private wake: (() => void) | null = null;

  get isCancelled(): boolean {
    return this.cancelled;
  }

  get isPaused(): boolean {
    return this.paused && !this.cancelled;
  }

  cancel(): void {
    this.cancelled = true;
    this.release();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.release();
  }

  /** Clears a previous run's cancel and pause before a new run starts. */
  reset(): void {
    this.cancelled = false;
    this.paused = false;
  }

  /** Resolves once resumed or cancelled (at once when not paused). */
  waitWhilePaused(): Promise<void> {
    if (!this.isPaused) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * One macrotask turn, so queued messages (pause, cancel, a predict) are handled between steps.
 * A MessageChannel round trip, not setTimeout(0), which browsers clamp to 4 ms once nested.
 */
export function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
