/** The drawing calls shared by a page canvas and a worker's OffscreenCanvas. */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
