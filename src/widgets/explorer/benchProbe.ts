/**
 * The drag benchmark's probe (bench/dragP95.ts). With ?bench=1 in the page URL the explorer
 * records, for every weight change made by an input event, the time from that event to the
 * first moment after the next frame has been painted: rAF runs just before paint, and a message
 * posted from it is delivered after the paint. Without the flag nothing is recorded.
 */
declare global {
  interface Window {
    /** ms from the start of handling each input to just after the frame showing it was painted. */
    __unrolledDragTimings?: number[];
    /** The same, from the input event's own timestamp: adds the wait for the event to be handled. */
    __unrolledDragEventTimings?: number[];
  }
}

export function enableBenchProbe(): void {
  if (new URLSearchParams(window.location.search).get('bench') !== '1') return;
  window.__unrolledDragTimings ??= [];
  window.__unrolledDragEventTimings ??= [];
}

/** Call first thing when an input event changes a weight, before the store update. */
export function probeFrameLatency(event: Event | undefined): void {
  const timings = window.__unrolledDragTimings;
  const eventTimings = window.__unrolledDragEventTimings;
  if (!timings || !eventTimings || !event) return;
  const handled = performance.now();
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const painted = performance.now();
      eventTimings.push(painted - event.timeStamp);
      timings.push(painted - handled);
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}
