/**
 * The reader's digit read by the engine, row by row, with the trained weights; and the same
 * digit through the worker's tfjs model.predict, to show that the two agree at the last row.
 */
import { useEffect, useMemo, useState } from 'react';
import { maxAbsDiff } from '../../engine/matrix';
import { type RowTrace, readRows } from '../../engine/mnistRows';
import { denseWeightsOf, lstmWeightsOf } from '../../tf/weights';
import { MnistStore } from '../../state/mnistStore';
import { type ReaderError, describeError } from '../../engine/errors';

export interface RowReading {
  trace: RowTrace | null;
  /** max |engine − model.predict| over the ten final probabilities; null until both exist. */
  delta: number | null;
  checkError: ReaderError | null;
}

/** `settled` is the input once a stroke has ended: the worker is asked only about those. */
export function useRowReading(input: Float32Array, settled: Float32Array): RowReading {
  const weights = MnistStore.useStore((s) => s.weights);
  const training = MnistStore.useStore((s) => s.phase === 'training');
  const predict = MnistStore.useStore((s) => s.predict);
  const [check, setCheck] = useState<{ input: Float32Array; version: number; probabilities: Float32Array } | null>(null);
  const [checkError, setCheckError] = useState<ReaderError | null>(null);

  const trace = useMemo(() => (weights ? readRows(input, lstmWeightsOf(weights.values, 'lstm'), denseWeightsOf(weights.values, 'out')) : null), [input, weights]);

  useEffect(() => {
    // While training, the worker's weights move on between batches; the check waits for a stop.
    if (!weights || training) return;
    let live = true;
    predict(settled).then(
      (probabilities) => live && setCheck({ input: settled, version: weights.version, probabilities }),
      (error: unknown) => live && setCheckError(describeError(error)),
    );
    return () => {
      live = false;
    };
  }, [settled, weights, training, predict]);

  const comparable = trace && check && check.input === input && check.version === weights?.version;
  return { trace, delta: comparable ? maxAbsDiff(trace.probabilities[trace.probabilities.length - 1], check.probabilities) : null, checkError };
}
