/**
 * The chain's drawing surface (src/viz/pixelContext.ts): rectangles written straight into an RGBA
 * buffer, handed to the canvas as the one box that changed. Checked against what a 2D context
 * would draw: whole-pixel edges, source-over alpha, clears, outlines, labels over the pixels.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CanvasContext } from '../../src/viz/context2d';
import { PixelContext, parseColor } from '../../src/viz/pixelContext';

beforeAll(() => {
  // Node has no ImageData; the context only needs one to hand its bytes over.
  (globalThis as { ImageData?: unknown }).ImageData ??= class {
    constructor(
      readonly data: Uint8ClampedArray,
      readonly width: number,
      readonly height: number,
    ) {}
  };
});

/** A canvas's context as far as PixelContext uses it: what it was given, and the colours it normalises. */
function target() {
  const puts: { data: Uint8ClampedArray; width: number; box: [number, number, number, number] }[] = [];
  const texts: string[] = [];
  let style = '#000000';
  const ctx = {
    putImageData: (image: ImageData, _dx: number, _dy: number, x: number, y: number, w: number, h: number) =>
      puts.push({ data: image.data, width: image.width, box: [x, y, w, h] }),
    fillText: (text: string) => texts.push(text),
    measureText: (text: string) => ({ width: 6 * text.length, actualBoundingBoxLeft: 0, actualBoundingBoxRight: 6 * text.length, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 }),
    set fillStyle(v: string) {
      // A real context reads any colour back as #rrggbb; this one knows one named colour.
      style = v === 'rebeccapurple' ? '#663399' : v;
    },
    get fillStyle() {
      return style;
    },
    font: '',
    globalAlpha: 1,
  };
  return { ctx: ctx as unknown as CanvasContext, puts, texts };
}

const pixel = (data: Uint8ClampedArray, width: number, x: number, y: number) => Array.from(data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));

/** One frame of width × height drawn by `draw`: what the canvas was handed, and pixel (x, y) of it. */
function oneFrame(width: number, height: number, draw: (px: PixelContext) => void) {
  const { ctx, puts } = target();
  const px = new PixelContext(ctx);
  px.begin(width, height);
  draw(px);
  px.finish();
  expect(puts).toHaveLength(1);
  return { box: puts[0].box, at: (x: number, y: number) => pixel(puts[0].data, width, x, y) };
}

describe('parseColor', () => {
  it('reads hex and rgb()/rgba() in both syntaxes, and nothing else', () => {
    expect(parseColor('#1f5fbf')).toMatchObject({ r: 0x1f, g: 0x5f, b: 0xbf, a: 1 });
    expect(parseColor('#fff')).toMatchObject({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColor('#00000080')?.a).toBeCloseTo(128 / 255, 5);
    expect(parseColor('rgb(5, 48, 97)')).toMatchObject({ r: 5, g: 48, b: 97, a: 1 });
    expect(parseColor('rgba(5, 48, 97, 0.5)')?.a).toBeCloseTo(0.5, 2);
    expect(parseColor('rgb(5 48 97 / 50%)')?.a).toBeCloseTo(0.5, 2);
    expect(parseColor('oklch(0.5 0.1 200)')).toBeNull();
    expect(parseColor('rgb(1, 2)')).toBeNull();
  });
});

describe('PixelContext', () => {
  it('fills whole pixels, clipped to the bitmap, and hands over only the box it changed', () => {
    const { box, at } = oneFrame(10, 6, (px) => {
      px.fillStyle = '#ff0000';
      px.fillRect(1.4, 0.6, 2.2, 2); // edges round to 1…4 × 1…3
      px.fillRect(8, 4, 5, 5); // runs off the bitmap: clipped to 8…10 × 4…6
    });
    expect(box).toEqual([1, 1, 9, 5]);
    expect(at(1, 1)).toEqual([255, 0, 0, 255]);
    expect(at(2, 0)).toEqual([0, 0, 0, 0]);
    expect(at(4, 1)).toEqual([0, 0, 0, 0]);
    expect(at(9, 5)).toEqual([255, 0, 0, 255]);
  });

  it('blends translucent fills source-over, onto nothing and onto colour', () => {
    const { at } = oneFrame(4, 1, (px) => {
      px.fillStyle = '#0000ff';
      px.fillRect(1, 0, 1, 1);
      px.fillStyle = 'rgba(255, 0, 0, 0.5)';
      px.fillRect(0, 0, 2, 1);
    });
    // Onto transparent: the colour itself at half alpha. Onto opaque blue: half red, half blue.
    expect(at(0, 0)).toEqual([255, 0, 0, 128]);
    const [r, g, b, a] = at(1, 0);
    expect([g, a]).toEqual([0, 255]);
    expect(r).toBeGreaterThanOrEqual(127);
    expect(r).toBeLessThanOrEqual(128);
    expect(b).toBeGreaterThanOrEqual(127);
    expect(b).toBeLessThanOrEqual(128);
  });

  it('a clear erases what was drawn, and the next frame hands over where the old drawing was', () => {
    const { ctx, puts } = target();
    const px = new PixelContext(ctx);
    px.begin(10, 10);
    px.fillStyle = '#00ff00';
    px.fillRect(6, 6, 2, 2);
    px.finish();
    px.begin(10, 10);
    px.clearRect(0, 0, 10, 10);
    // Every frame starts from the default state, as the painters expect.
    expect(px.fillStyle).toBe('#000');
    px.fillStyle = '#00ff00';
    px.fillRect(1, 1, 1, 1);
    px.finish();
    // The canvas must lose the old square too: the box covers both.
    expect(puts[1].box).toEqual([1, 1, 7, 7]);
    expect(pixel(puts[1].data, 10, 6, 6)).toEqual([0, 0, 0, 0]);
    expect(pixel(puts[1].data, 10, 1, 1)).toEqual([0, 255, 0, 255]);
  });

  it('outlines a rectangle with its lineWidth centred on the edges, leaving the inside alone', () => {
    const { at } = oneFrame(8, 8, (px) => {
      px.strokeStyle = 'rebeccapurple';
      px.lineWidth = 2;
      px.strokeRect(2, 2, 4, 4); // outer 1…7, inner 3…5
    });
    expect(at(1, 1)).toEqual([0x66, 0x33, 0x99, 255]);
    expect(at(6, 3)).toEqual([0x66, 0x33, 0x99, 255]);
    expect(at(3, 3)).toEqual([0, 0, 0, 0]);
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
  });

  it('draws labels with the real context after the pixels, and puts back where they were next frame', () => {
    const { ctx, puts, texts } = target();
    const px = new PixelContext(ctx);
    px.begin(40, 20);
    px.fillText('±1', 2, 10);
    px.finish();
    expect(texts).toEqual(['±1']);
    // Nothing else changed, but last frame's label must be erased: its box (plus a pixel for anti-aliasing) is handed over.
    px.begin(40, 20);
    px.finish();
    expect(puts.at(-1)!.box).toEqual([1, 1, 14, 12]);
    expect(texts).toEqual(['±1']);
  });
});
