/**
 * A drawing context that writes the painters' rectangles straight into an RGBA buffer of its own,
 * then gives the canvas the pixels that changed in one putImageData.
 *
 * Why: the unrolled chain repaints about 1,400 small rectangles on every drag move. A 2D context
 * records each fillRect, parses each colour string and rasterises the list when the frame is
 * finalised, about 1.5 µs a rectangle; in the painting worker that is CPU taken from the page on
 * a two-core machine (bench/dragP95.ts). The painters only fill whole-pixel, axis-aligned
 * rectangles (./pixelRects.ts), which need no rasteriser: a rectangle is a few row fills, a colour
 * is parsed once, and the canvas gets one copy. Measured in a Chromium trace, the worker's CPU per
 * drag move fell from about 4.0 to 3.0 ms with the chain drawn this way (src/viz/painters.ts says
 * which painters use it).
 *
 * Text is the exception: labels are drawn by the real context, over the pixels, when the frame is
 * handed over, and the area they covered is put back from the buffer the next time.
 */
import type { CanvasContext, Context2D } from './context2d';

/** A half-open box of device pixels, x0 ≤ x < x1, y0 ≤ y < y1; empty when x1 ≤ x0 or y1 ≤ y0. */
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const empty = (): Box => ({ x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity });
const isEmpty = (b: Box) => b.x1 <= b.x0 || b.y1 <= b.y0;

function grow(b: Box, x0: number, y0: number, x1: number, y1: number): void {
  b.x0 = Math.min(b.x0, x0);
  b.y0 = Math.min(b.y0, y0);
  b.x1 = Math.max(b.x1, x1);
  b.y1 = Math.max(b.y1, y1);
}

/** A colour as its four bytes and the same bytes as one word of the buffer (in the platform's byte order). */
interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
  word: number;
}

function rgba(r: number, g: number, b: number, a: number): Rgba {
  const bytes = new Uint8ClampedArray([r, g, b, Math.round(a * 255)]);
  return { r: bytes[0], g: bytes[1], b: bytes[2], a: bytes[3] / 255, word: new Uint32Array(bytes.buffer)[0] };
}

/** "#rgb", "#rrggbb", "#rrggbbaa", "rgb(…)" and "rgba(…)" with commas or spaces; null for anything else. */
export function parseColor(css: string): Rgba | null {
  const s = css.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    const byte = (i: number) => parseInt(full.slice(2 * i, 2 * i + 2), 16);
    return rgba(byte(0), byte(1), byte(2), full.length === 8 ? byte(3) / 255 : 1);
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(s)?.[1];
  if (!fn) return null;
  const parts = fn.split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3 || parts.length > 4) return null;
  const channel = (p: string) => (p.endsWith('%') ? (parseFloat(p) * 255) / 100 : parseFloat(p));
  const [r, g, b] = parts.slice(0, 3).map(channel);
  const a = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
  if (![r, g, b, a].every(Number.isFinite)) return null;
  return rgba(r, g, b, Math.max(0, Math.min(1, a)));
}

/** Colours are cached per string; a scene uses a few hundred at most (the diverging scale has 201). */
const MAX_COLORS = 2048;

export class PixelContext implements Context2D {
  fillStyle: string | CanvasGradient | CanvasPattern = '#000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000';
  globalAlpha = 1;
  lineWidth = 1;
  font = '10px sans-serif';

  private width = 0;
  private height = 0;
  private bytes = new Uint8ClampedArray(0);
  private words = new Uint32Array(0);
  private image: ImageData | null = null;
  /** Where the buffer may hold anything but transparent pixels. */
  private inked = empty();
  /** What this frame changed, and so what the canvas must be given. */
  private dirty = empty();
  private texts: { text: string; x: number; y: number; font: string; style: string | CanvasGradient | CanvasPattern; alpha: number }[] = [];
  /** Where the last frame's labels were drawn on the canvas (not in the buffer). */
  private labelled: Box[] = [];
  private readonly colors = new Map<string, Rgba>();

  constructor(private readonly target: CanvasContext) {}

  /** Starts a frame on a bitmap of width × height; a new size starts clear, as a resized canvas does. */
  begin(width: number, height: number): void {
    if (width !== this.width || height !== this.height) {
      this.width = width;
      this.height = height;
      this.bytes = new Uint8ClampedArray(width * height * 4);
      this.words = new Uint32Array(this.bytes.buffer);
      this.image = null;
      this.inked = empty();
      this.labelled = [];
    }
    this.dirty = empty();
    this.texts = [];
    this.fillStyle = this.strokeStyle = '#000';
    this.globalAlpha = this.lineWidth = 1;
  }

  clearRect(x: number, y: number, w: number, h: number): void {
    const b = this.clip(x, y, w, h);
    // Only what was ever inked needs zeroing: the rest of the buffer is transparent already.
    const x0 = Math.max(b.x0, this.inked.x0);
    const x1 = Math.min(b.x1, this.inked.x1);
    const y0 = Math.max(b.y0, this.inked.y0);
    const y1 = Math.min(b.y1, this.inked.y1);
    if (x1 <= x0 || y1 <= y0) return;
    for (let row = y0; row < y1; row++) this.words.fill(0, row * this.width + x0, row * this.width + x1);
    grow(this.dirty, x0, y0, x1, y1);
    if (b.x0 <= this.inked.x0 && b.y0 <= this.inked.y0 && b.x1 >= this.inked.x1 && b.y1 >= this.inked.y1) this.inked = empty();
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    this.fill(this.clip(x, y, w, h), this.color(this.fillStyle));
  }

  /** The outline centred on the rectangle's edges, lineWidth wide, as four bands that do not overlap. */
  strokeRect(x: number, y: number, w: number, h: number): void {
    const half = this.lineWidth / 2;
    const outer = this.clip(x - half, y - half, w + 2 * half, h + 2 * half);
    const inner = this.clip(x + half, y + half, w - 2 * half, h - 2 * half);
    const color = this.color(this.strokeStyle);
    if (isEmpty(inner)) {
      this.fill(outer, color);
      return;
    }
    this.fill({ x0: outer.x0, y0: outer.y0, x1: outer.x1, y1: inner.y0 }, color);
    this.fill({ x0: outer.x0, y0: inner.y1, x1: outer.x1, y1: outer.y1 }, color);
    this.fill({ x0: outer.x0, y0: inner.y0, x1: inner.x0, y1: inner.y1 }, color);
    this.fill({ x0: inner.x1, y0: inner.y0, x1: outer.x1, y1: inner.y1 }, color);
  }

  fillText(text: string, x: number, y: number): void {
    this.texts.push({ text, x, y, font: this.font, style: this.fillStyle, alpha: this.globalAlpha });
  }

  /** Gives the canvas what changed: the pixels, then the labels over them. */
  finish(): void {
    const box = { ...this.dirty };
    for (const l of this.labelled) grow(box, l.x0, l.y0, l.x1, l.y1);
    const ctx = this.target;
    if (!isEmpty(box) && this.width > 0 && this.height > 0) {
      this.image ??= new ImageData(this.bytes, this.width, this.height);
      ctx.putImageData(this.image, 0, 0, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
    }
    this.labelled = this.texts.map((t) => {
      ctx.font = t.font;
      ctx.fillStyle = t.style;
      ctx.globalAlpha = t.alpha;
      ctx.fillText(t.text, t.x, t.y);
      const m = ctx.measureText(t.text);
      // The label's ink, a pixel either side for anti-aliasing; put back from the buffer next frame.
      const left = Math.floor(t.x - (m.actualBoundingBoxLeft || 0)) - 1;
      const top = Math.floor(t.y - (m.actualBoundingBoxAscent || 0)) - 1;
      const right = Math.ceil(t.x + Math.max(m.width, m.actualBoundingBoxRight || 0)) + 1;
      const bottom = Math.ceil(t.y + (m.actualBoundingBoxDescent || 0)) + 1;
      return this.clip(left, top, right - left, bottom - top);
    }).filter((l) => !isEmpty(l));
    ctx.globalAlpha = 1;
  }

  /** The rectangle's edges rounded to whole pixels and kept inside the bitmap. */
  private clip(x: number, y: number, w: number, h: number): Box {
    const [left, right] = w >= 0 ? [x, x + w] : [x + w, x];
    const [top, bottom] = h >= 0 ? [y, y + h] : [y + h, y];
    return {
      x0: Math.max(0, Math.round(left)),
      y0: Math.max(0, Math.round(top)),
      x1: Math.min(this.width, Math.round(right)),
      y1: Math.min(this.height, Math.round(bottom)),
    };
  }

  private color(css: string | CanvasGradient | CanvasPattern): Rgba {
    if (typeof css !== 'string') throw new Error('A PixelContext fills with plain colours only');
    let c = this.colors.get(css);
    if (!c) {
      c = parseColor(css) ?? this.resolve(css);
      if (this.colors.size >= MAX_COLORS) this.colors.clear();
      this.colors.set(css, c);
    }
    return c;
  }

  /** Any other CSS colour, as the real context understands it ("#rrggbb" or "rgba(…)" when read back). */
  private resolve(css: string): Rgba {
    const ctx = this.target;
    ctx.fillStyle = '#000';
    ctx.fillStyle = css;
    const parsed = typeof ctx.fillStyle === 'string' ? parseColor(ctx.fillStyle) : null;
    if (!parsed) throw new Error(`The canvas cannot use the colour ${JSON.stringify(css)}`);
    return parsed;
  }

  /** Source-over: opaque rows are word fills; translucent ones blend pixel by pixel (unpremultiplied, as ImageData is). */
  private fill(b: Box, c: Rgba): void {
    if (isEmpty(b)) return;
    const a = c.a * Math.max(0, Math.min(1, this.globalAlpha));
    if (a <= 0) return;
    grow(this.dirty, b.x0, b.y0, b.x1, b.y1);
    grow(this.inked, b.x0, b.y0, b.x1, b.y1);
    const { width, words, bytes } = this;
    if (a >= 1) {
      const span = b.x1 - b.x0;
      for (let row = b.y0; row < b.y1; row++) {
        const start = row * width + b.x0;
        // Most rectangles are a bar a few pixels wide: a loop beats the cost of calling fill.
        if (span > 32) words.fill(c.word, start, start + span);
        else for (let i = start; i < start + span; i++) words[i] = c.word;
      }
      return;
    }
    for (let row = b.y0; row < b.y1; row++) {
      for (let i = (row * width + b.x0) * 4, end = (row * width + b.x1) * 4; i < end; i += 4) {
        const below = (bytes[i + 3] / 255) * (1 - a);
        const out = a + below;
        bytes[i] = (c.r * a + bytes[i] * below) / out;
        bytes[i + 1] = (c.g * a + bytes[i + 1] * below) / out;
        bytes[i + 2] = (c.b * a + bytes[i + 2] * below) / out;
        bytes[i + 3] = out * 255;
      }
    }
  }
}
