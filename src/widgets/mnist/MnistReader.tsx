/**
 * Draw a digit (or pick a held-out one) and watch the LSTM read it: the rows light up as they
 * enter, the hidden state after each row fills a heatmap, and the ten class probabilities after
 * each row fill another — computed by the engine from the trained weights, checked at the last
 * row against the worker's model.predict.
 */
import { useEffect, useMemo, useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { MNIST_CLASSES, MNIST_PIXELS, MNIST_SIDE, digitPixels, quantisePixel } from '../../engine/mnistDigits';
import { argMax, centreByMass, massShift } from '../../engine/mnistRows';
import { num, sci } from '../../viz/format';
import { Heatmap } from '../../viz/Heatmap';
import { usePrefersReducedMotion } from '../../viz/motion';
import { ProbabilityBars } from '../../viz/ProbabilityBars';
import { useElementWidth } from '../../viz/useElementWidth';
import { Button, Controls, ProgressBar, Select, Slider, Stat, Toggle, WidgetShell } from '../shell';
import { DrawPad } from './DrawPad';
import { MnistStore } from '../../state/mnistStore';
import { type MnistReading, MnistReaderStore, PICK_CLASSES } from '../../state/mnistReaderStore';
import { useRowReading } from './useRowReading';

const DIGIT_LABELS = Array.from({ length: MNIST_CLASSES }, (_, d) => String(d));
const ROW_MS = 90;
const blank = () => new Float32Array(MNIST_PIXELS);

/** Rows after the cursor shown as zeros: blank in a diverging heatmap. */
function upTo(rows: Float32Array[], read: number): Float32Array[] {
  return rows.map((row, t) => (t < read ? row : new Float32Array(row.length)));
}

function Reader() {
  const t = useT();
  const te = useErrorText();
  const reduceMotion = usePrefersReducedMotion();
  const heldOutSet = MnistStore.useStore((s) => s.heldOut);
  const heldOutProgress = MnistStore.useStore((s) => s.heldOutProgress);
  const heldOutError = MnistStore.useStore((s) => s.heldOutError);
  const loadHeldOut = MnistStore.useStore((s) => s.loadHeldOut);
  const weightsReady = MnistStore.useStore((s) => s.weights !== null);
  const trainedSteps = MnistStore.useStore((s) => s.status?.step ?? 0);
  const training = MnistStore.useStore((s) => s.phase === 'training');
  const failed = MnistStore.useStore((s) => (s.phase === 'error' && s.weights === null ? s.error : null));
  const store = MnistStore.useStoreApi();
  const reading = MnistReaderStore.useStoreApi();
  const { ink, heldOut, centre, rows: rowsRead, pickClass, set } = MnistReaderStore.useStore((s) => s);
  const [ref, width] = useElementWidth<HTMLDivElement>();

  const [playing, setPlaying] = useState(false);
  const [stroking, setStroking] = useState(false);

  // A held-out digit (from a link or a reload) needs the held-out file first.
  useEffect(() => {
    if (heldOut !== null) void loadHeldOut();
  }, [heldOut, loadHeldOut]);
  const picked = heldOut !== null && heldOutSet && heldOut < heldOutSet.count ? { index: heldOut, label: heldOutSet.labels[heldOut] } : null;
  // A held-out digit not loaded yet (or past the file) shows a blank pad.
  const pixels = useMemo(
    () => (heldOut !== null ? (picked ? digitPixels(heldOutSet!, heldOut) : blank()) : ink ? Float32Array.from(ink, (v) => v / 255) : blank()),
    // picked follows heldOut and heldOutSet.
    [heldOut, heldOutSet, ink],
  );

  /** A new digit (or centring) is read from its first row to its last again. */
  const showDigit = (patch: Partial<Pick<MnistReading, 'ink' | 'heldOut' | 'centre'>>) => {
    setPlaying(false);
    set({ ...patch, rows: MNIST_SIDE });
  };

  // Held-out digits are already centred; a drawing is centred the way MNIST's scans were.
  const centring = heldOut === null && centre;
  const input = useMemo(() => (centring ? centreByMass(pixels) : pixels), [pixels, centring]);
  // The pad shows the drawing as drawn; its cursor marks the drawn row the model reads now.
  const rowShift = useMemo(() => (centring ? massShift(pixels).dr : 0), [pixels, centring]);
  const [settled, setSettled] = useState(input);
  useEffect(() => {
    if (!stroking) setSettled(input);
  }, [input, stroking]);
  const { trace, delta, checkError } = useRowReading(input, settled);
  const empty = !pixels.some((v) => v > 0);

  useEffect(() => {
    if (!playing) return;
    if (reduceMotion) {
      set({ rows: MNIST_SIDE });
      setPlaying(false);
      return;
    }
    const timer = setInterval(() => {
      const next = Math.min(MNIST_SIDE, reading.getState().rows + 1);
      if (next >= MNIST_SIDE) setPlaying(false);
      set({ rows: next });
    }, ROW_MS);
    return () => clearInterval(timer);
  }, [playing, reduceMotion, reading, set]);

  const pick = async (digitClass: string) => {
    await loadHeldOut();
    const digits = store.getState().heldOut;
    if (!digits) return;
    const candidates: number[] = [];
    for (let i = 0; i < digits.count; i++) if (digitClass === 'any' || digits.labels[i] === Number(digitClass)) candidates.push(i);
    showDigit({ heldOut: candidates[Math.floor(Math.random() * candidates.length)], ink: null });
  };

  // The pad (28 cells) and the probability map (10 cells) share one row and one cell size.
  const cell = Math.max(6, Math.min(12, Math.floor((width - 16) / (MNIST_SIDE + MNIST_CLASSES))));
  const current = trace && rowsRead > 0 ? trace.probabilities[rowsRead - 1] : null;
  const final = trace ? trace.probabilities[MNIST_SIDE - 1] : null;
  const guess = final ? argMax(final) : null;
  const units = trace?.h[0]?.length ?? 0;

  return (
    <WidgetShell
      link={MnistReaderStore.useLink()}
      title={t('mnist.read.title')}
      widget="MnistReader"
      ready={weightsReady || failed !== null}
      description={t('mnist.read.description')}
    >
      <Controls>
        <Button onClick={() => showDigit({ ink: null, heldOut: null })}>{t('mnist.read.clear')}</Button>
        <Select
          label={t('mnist.read.pickClass')}
          value={pickClass}
          onChange={(value) => set({ pickClass: value })}
          options={PICK_CLASSES.map((c) => ({ value: c, label: c === 'any' ? t('mnist.read.anyDigit') : c }))}
        />
        <Button onClick={() => void pick(pickClass)}>{t('mnist.read.pick')}</Button>
        <Toggle label={t('mnist.read.centre')} checked={centre} onChange={(value) => showDigit({ centre: value })} />
      </Controls>
      {heldOutProgress && (
        <ProgressBar
          label={t('mnist.read.loadingHeldOut')}
          value={heldOutProgress.loaded}
          max={heldOutProgress.total || 1}
          text={`${Math.round(heldOutProgress.loaded / 1024)} kB`}
        />
      )}
      {failed && (
        <p role="alert" className="widget-problem">
          {t('mnist.problem', { message: te(failed) })}
        </p>
      )}
      {heldOutError && (
        <p role="alert" className="widget-problem">
          {t('mnist.problem', { message: te(heldOutError) })}
        </p>
      )}
      <p className="caption" data-testid="mnist-source">
        {picked
          ? t('mnist.read.heldOutSource', { index: picked.index + 1, label: picked.label })
          : heldOut !== null
            ? t('mnist.read.loadingHeldOut')
            : empty
            ? t('mnist.read.drawHint')
            : t('mnist.read.drawnSource')}
      </p>
      <div className="mnist-reader" ref={ref}>
        <div className="mnist-column">
          <DrawPad
            pixels={pixels}
            onChange={(next) => {
              setStroking(true);
              showDigit({ ink: Array.from(next, quantisePixel), heldOut: null });
            }}
            onStrokeEnd={() => setStroking(false)}
            rowsRead={trace ? rowsRead - rowShift : null}
            cell={cell}
            label={t('mnist.read.padLabel')}
          />
        </div>
        {trace && (
          <div className="mnist-column">
            <div className="mnist-prob-head" style={{ width: cell * MNIST_CLASSES }} aria-hidden="true">
              {DIGIT_LABELS.map((d) => (
                <span key={d} style={{ width: cell }}>
                  {d}
                </span>
              ))}
            </div>
            <Heatmap rows={upTo(trace.probabilities, rowsRead)} limit={1} cellSize={cell} label={t('mnist.read.probMap', { rows: rowsRead })} />
          </div>
        )}
      </div>
      {trace && (
        <>
          <Controls>
            <Button onClick={() => (set({ rows: 0 }), setPlaying(true))} disabled={playing}>
              {t('mnist.read.play')}
            </Button>
            <Slider
              label={t('mnist.read.rowsRead')}
              value={rowsRead}
              min={0}
              max={MNIST_SIDE}
              onChange={(v) => (setPlaying(false), set({ rows: v }))}
              format={(v) => `${v} / ${MNIST_SIDE}`}
            />
          </Controls>
          <div className="mnist-now" data-testid="mnist-now" data-rows={rowsRead}>
            {current ? (
              <>
                <p>{t('mnist.read.afterRow', { row: rowsRead, digit: argMax(current), p: num(current[argMax(current)], 3) })}</p>
                <ProbabilityBars labels={DIGIT_LABELS} values={current} highlight={argMax(current)} label={t('mnist.read.barsLabel', { row: rowsRead })} />
              </>
            ) : (
              <p>{t('mnist.read.nothingYet')}</p>
            )}
          </div>
          <h4 className="mnist-sub">{t('mnist.read.hidden', { units })}</h4>
          <div className="heatmap-scroll" tabIndex={0}>
            <Heatmap rows={upTo(trace.h, rowsRead)} limit={1} cellSize={Math.max(3, Math.min(8, Math.floor(width / Math.max(1, units))))} label={t('mnist.read.hiddenLabel', { rows: rowsRead, units })} />
          </div>
          <div className="stats">
            <Stat
              label={t('mnist.read.prediction')}
              value={
                <span data-testid="mnist-prediction" data-digit={guess ?? ''} data-probs={final ? JSON.stringify(Array.from(final)) : ''}>
                  {guess !== null && final ? `${guess} (p = ${num(final[guess], 3)})` : '—'}
                </span>
              }
            />
            <Stat
              label={t('mnist.read.check')}
              value={
                <span data-testid="mnist-check" data-value={delta ?? ''}>
                  {delta !== null ? `max |Δ| = ${sci(delta)}` : training ? t('mnist.read.checkWaits') : '…'}
                </span>
              }
            />
          </div>
          {checkError && (
            <p role="alert" className="widget-problem">
              {t('mnist.problem', { message: te(checkError) })}
            </p>
          )}
          {trainedSteps === 0 && <p className="caption">{t('mnist.read.untrained')}</p>}
        </>
      )}
    </WidgetShell>
  );
}

export default function MnistReader() {
  return (
    <MnistReaderStore.Linked param="mnist-reader">
      <Reader />
    </MnistReaderStore.Linked>
  );
}
