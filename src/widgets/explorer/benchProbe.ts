/**
 * The drag benchmark's probe (bench/dragP95.ts). With ?bench=1 in the page URL the explorer
 * records, for every weight change made by an input event, the time from that event to the
 * first moment after the next frame has been painted: rAF runs just before paint, and a message
 * posted from it is delivered after the paint. Without the flag nothing is recorded.
 */
declare global {
  interface Window {
    __unrolledDragTimings?: number[];
  }
}

export function enableBenchProbe(): void {
  if (new URLSearchParams(window.location.search).get('bench') === '1') window.__unrolledDragTimings ??= [];
}

export function probeFrameLatency(event: Event | undefined): void {
  const timings = window.__unrolledDragTimings;
  if (!timings || !event) return;
  const start = event.timeStamp;
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      timings.push(performance.now() - start);
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}
