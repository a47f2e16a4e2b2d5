/** A canvas's real 2D context, on the page or in a worker. */
export type CanvasContext = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * The drawing calls the painters make: rectangles, colours, alpha and a text label, in device
 * pixels with no transform. A canvas's own context has them, and so does a PixelContext
 * (./pixelContext.ts), which writes the pixels itself.
 */
export interface Context2D {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  globalAlpha: number;
  lineWidth: number;
  font: string;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
}
