/**
 * What every model in the book is built with when its spec leaves these out. Two tfjs defaults
 * are replaced: gates use the logistic sigmoid as Keras 2.3+ does (tfjs defaults to hard_sigmoid),
 * and kernels start glorot-uniform as in Keras (tfjs: glorot-normal), the recurrent one too: tfjs'
 * orthogonal initializer is slow (building a SimpleRNN(40) with it and running it once took 20.7 s
 * on WebGL in headless Chromium 156 with tfjs 4.22, against 0.04 s with glorot-uniform, on the
 * book's two-core development machine without a GPU, 6 December 2026). src/tf/buildModel.ts builds with
 * these and the code generator writes them out, so the model shown and the model built agree.
 */
export const BOOK_DEFAULTS = {
  recurrentActivation: 'sigmoid',
  recurrentInitializer: 'glorotUniform',
  kernelInitializer: 'glorotUniform',
  /** Keras' default is True; tfjs' (and the book's, unless a spec asks) is false. */
  unitForgetBias: false,
} as const;
