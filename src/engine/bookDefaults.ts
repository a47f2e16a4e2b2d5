/**
 * What every model in the book is built with when its spec leaves these out. Two tfjs defaults
 * are replaced (see shared/STACK.md): gates use the logistic sigmoid as Keras does (tfjs defaults
 * to hard_sigmoid), and kernels start glorot-uniform as in Keras (tfjs: glorot-normal; its
 * orthogonal recurrent init made a one-layer page take ~12 s). src/tf/buildModel.ts builds with
 * these and the code generator writes them out, so the model shown and the model built agree.
 */
export const BOOK_DEFAULTS = {
  recurrentActivation: 'sigmoid',
  recurrentInitializer: 'glorotUniform',
  kernelInitializer: 'glorotUniform',
  /** Keras' default is True; tfjs' (and the book's, unless a spec asks) is false. */
  unitForgetBias: false,
} as const;
