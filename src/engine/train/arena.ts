/**
 * Where every number the kernel trains with lives: one ArrayBuffer (or one WebAssembly.Memory,
 * when the SIMD products run), cut into Float32Array views once, when the network is planned.
 * Nothing is allocated while training; a batch larger than planned re-plans the whole network.
 *
 * One buffer rather than many is what lets the WebAssembly products read the same arrays the
 * TypeScript code writes, with no copying: a view's byteOffset is its address in wasm memory.
 * Planning runs the layer constructors twice: once on a measuring arena that only adds up the
 * sizes, then on a real one of exactly that size (growing a Memory later would detach the views).
 */

/** Views start on 16-byte boundaries, so a wasm f32x4 load of a row never straddles two. */
const ALIGN_FLOATS = 4;

export interface Arena {
  /** A zeroed view of n floats. */
  floats(n: number): Float32Array;
  /** The memory the products work on, when it is wasm memory. */
  readonly memory: WebAssembly.Memory | null;
}

/** Adds up what the constructors ask for; the views it hands out are empty and never used. */
export class MeasuringArena implements Arena {
  readonly memory = null;
  total = 0;
  private readonly empty = new Float32Array(0);
  floats(n: number): Float32Array {
    this.total += Math.ceil(n / ALIGN_FLOATS) * ALIGN_FLOATS;
    return this.empty;
  }
}

const WASM_PAGE_BYTES = 65536;

export class BufferArena implements Arena {
  readonly memory: WebAssembly.Memory | null;
  private readonly buffer: ArrayBuffer;
  private top = 0;

  /** `wasm` true: back the views with a WebAssembly.Memory the SIMD products can be given. */
  constructor(
    private readonly capacity: number,
    wasm: boolean,
  ) {
    if (wasm) {
      const pages = Math.max(1, Math.ceil((capacity * 4) / WASM_PAGE_BYTES));
      this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
      this.buffer = this.memory.buffer;
    } else {
      this.memory = null;
      this.buffer = new ArrayBuffer(capacity * 4);
    }
  }

  floats(n: number): Float32Array {
    const size = Math.ceil(n / ALIGN_FLOATS) * ALIGN_FLOATS;
    if (this.top + size > this.capacity) throw new Error(`The training arena holds ${this.capacity} floats; the plan asked for more.`);
    const view = new Float32Array(this.buffer, this.top * 4, n);
    this.top += size;
    return view;
  }
}

/**
 * Builds something twice, measuring first, so its arena is exactly as large as it asks.
 * `wasm` false gives an ordinary ArrayBuffer.
 */
export function planned<T>(build: (arena: Arena) => T, wasm: boolean): { value: T; arena: Arena } {
  const measuring = new MeasuringArena();
  build(measuring);
  const arena = new BufferArena(measuring.total, wasm);
  return { value: build(arena), arena };
}
