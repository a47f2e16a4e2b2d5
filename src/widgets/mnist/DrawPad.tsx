/**
 * A 28×28 pad drawn large. The pointer (mouse, pen or finger) deposits soft ink like MNIST's
 * anti-aliased scans; along a stroke the brush is stamped every third of a cell so fast strokes
 * stay unbroken. Rows the LSTM has already read are tinted and the row it reads now is outlined,
 * so the pad doubles as the view of the time cursor.
 */
import { type PointerEvent, useEffect, useRef } from 'react';
import { MNIST_SIDE } from '../../engine/mnistDigits';
import { depositInk } from '../../engine/mnistRows';

export interface DrawPadProps {
  pixels: Float32Array;
  onChange: (pixels: Float32Array) => void;
  /** Called when a stroke ends: a good moment for slower work, like asking the worker. */
  onStrokeEnd?: () => void;
  /** Rows of the pad read so far; may run past 0..28 when the model reads a shifted copy. Null hides the cursor. */
  rowsRead: number | null;
  cell: number;
  label: string;
}

const STAMP_SPACING = 1 / 3;

export function DrawPad({ pixels, onChange, onStrokeEnd, rowsRead, cell, label }: DrawPadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ row: number; col: number } | null>(null);
  // Several pointer events can arrive before React re-renders; each must add to the newest ink.
  const latest = useRef(pixels);
  latest.current = pixels;
  const size = cell * MNIST_SIDE;

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, size, size);
    for (let r = 0; r < MNIST_SIDE; r++) {
      for (let c = 0; c < MNIST_SIDE; c++) {
        const v = pixels[r * MNIST_SIDE + c];
        if (v <= 0) continue;
        const shade = Math.round(255 * (1 - v));
        ctx.fillStyle = `rgb(${shade},${shade},${shade})`;
        ctx.fillRect(c * cell, r * cell, cell, cell);
      }
    }
    ctx.strokeStyle = 'rgba(0,0,0,0.06)';
    ctx.lineWidth = 1;
    for (let i = 1; i < MNIST_SIDE; i++) {
      ctx.beginPath();
      ctx.moveTo(i * cell + 0.5, 0);
      ctx.lineTo(i * cell + 0.5, size);
      ctx.moveTo(0, i * cell + 0.5);
      ctx.lineTo(size, i * cell + 0.5);
      ctx.stroke();
    }
    if (rowsRead !== null && rowsRead < MNIST_SIDE) {
      // Rows not yet read are veiled; the read ones stay clear.
      const from = Math.max(0, rowsRead);
      ctx.fillStyle = 'rgba(120,120,140,0.35)';
      ctx.fillRect(0, from * cell, size, size - from * cell);
    }
    if (rowsRead !== null && rowsRead > 0 && rowsRead <= MNIST_SIDE) {
      ctx.strokeStyle = 'rgb(214,96,20)';
      ctx.lineWidth = 2;
      ctx.strokeRect(1, (rowsRead - 1) * cell + 1, size - 2, cell - 2);
    }
  }, [pixels, rowsRead, cell, size]);

  const position = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const scale = box.width > 0 ? MNIST_SIDE / box.width : 1 / cell;
    return { row: (event.clientY - box.top) * scale, col: (event.clientX - box.left) * scale };
  };

  const stroke = (to: { row: number; col: number }) => {
    const next = Float32Array.from(latest.current);
    const from = last.current ?? to;
    const steps = Math.max(1, Math.ceil(Math.hypot(to.row - from.row, to.col - from.col) / STAMP_SPACING));
    for (let k = last.current ? 1 : 0; k <= steps; k++) {
      depositInk(next, from.row + ((to.row - from.row) * k) / steps, from.col + ((to.col - from.col) * k) / steps);
    }
    last.current = to;
    latest.current = next;
    onChange(next);
  };

  const end = () => {
    if (!last.current) return;
    last.current = null;
    onStrokeEnd?.();
  };

  return (
    <canvas
      ref={canvas}
      className="mnist-pad"
      width={size}
      height={size}
      role="img"
      aria-label={label}
      data-testid="mnist-pad"
      // Total ink, so tests (and curious readers of the DOM) can see the drawing change.
      data-ink={pixels.reduce((sum, v) => sum + v, 0).toFixed(2)}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture?.(event.pointerId);
        last.current = null;
        stroke(position(event));
      }}
      onPointerMove={(event) => {
        if (last.current) stroke(position(event));
      }}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
    />
  );
}
