/**
 * Where everything of a cell diagram sits: the classic drawings of a SimpleRNN, an LSTM and a GRU
 * (both reset placements) as plain data — nodes (gate blocks, ⊙/+/1− operators, ports) and wires
 * (axis-aligned polylines). Pure functions of the cell's kind and sizes, so the geometry can be
 * tested without a DOM and every view (SVG cell, guided walk, chain) agrees on the same ids.
 *
 * A wire names the vectors it carries by key (`values`); the caller maps keys to the engine
 * trace's arrays (src/widgets/cell/cellVectors.ts). The diagram itself computes nothing.
 *
 * Coordinates are in a 600-wide viewBox; the SVG scales to its container.
 */

export type DiagramKind = 'simpleRNN' | 'lstm' | 'gru';

export interface DiagramShape {
  kind: DiagramKind;
  units: number;
  inputDim: number;
  /** GRU only: where the reset gate acts (true: Keras 2's reset_after). */
  resetAfter?: boolean;
}

export type NodeRole = 'gate' | 'candidate' | 'op' | 'transform' | 'port';

export interface CellNode {
  id: string;
  role: NodeRole;
  /** Centre. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** What is written on it: σ, tanh, ⊙, +, 1−, or a port's name. */
  symbol: string;
  /** Gate and candidate blocks: the vector key of their output, and of their pre-activation. */
  value?: string;
  pre?: string;
  /** Gate and candidate blocks: the block's index in Keras' fused order (the bias it owns). */
  slot?: number;
}

export interface CellWire {
  id: string;
  /** Vector keys carried side by side, one stripe per component (e.g. ['hPrev']). */
  values: readonly string[];
  /** Axis-aligned polyline. */
  points: readonly (readonly [number, number])[];
}

export interface CellLayout extends Required<DiagramShape> {
  width: number;
  height: number;
  /** Width of one stripe (one vector component) of a wire. */
  stripe: number;
  nodes: CellNode[];
  wires: CellWire[];
}

export const VIEW_WIDTH = 600;
const OP_R = 12;
const BLOCK_W = 60;
const BLOCK_H = 44;
const PORT_W = 44;
const PORT_H = 20;

/** Rows of the drawing: the state highway on top, products, gates, the two input buses. */
const Y = { top: 50, mid: 135, gate: 232, hBus: 296, xBus: 326, xIn: 372, height: 392 };

const gate = (id: string, x: number, slot: number, role: 'gate' | 'candidate', value: string, pre: string): CellNode => ({
  id,
  role,
  x,
  y: Y.gate,
  w: BLOCK_W,
  h: BLOCK_H,
  symbol: role === 'gate' ? 'σ' : 'tanh',
  value,
  pre,
  slot,
});

const op = (id: string, x: number, y: number, symbol: string): CellNode => ({ id, role: 'op', x, y, w: 2 * OP_R, h: 2 * OP_R, symbol });

const port = (id: string, x: number, y: number, symbol: string): CellNode => ({ id, role: 'port', x, y, w: PORT_W, h: PORT_H, symbol });

const wire = (id: string, values: readonly string[], ...points: [number, number][]): CellWire => ({ id, values, points });

const blockTop = Y.gate - BLOCK_H / 2;
const blockBottom = Y.gate + BLOCK_H / 2;

/** The two feeds every block reads, h_{t-1} from the upper bus and x_t from the lower. */
function feeds(id: string, x: number, hKey: string | null): CellWire[] {
  const out = [wire(`feed.x.${id}`, ['x'], [x + 10, Y.xBus], [x + 10, blockBottom])];
  if (hKey) out.push(wire(`feed.h.${id}`, [hKey], [x - 10, Y.hBus], [x - 10, blockBottom]));
  return out;
}

function inputs(hBusEnd: number, xBusEnd: number, hBusStart: [number, number][]): { nodes: CellNode[]; wires: CellWire[] } {
  return {
    nodes: [port('port.x', 70, Y.xIn, 'xₜ')],
    wires: [wire('hBus', ['hPrev'], ...hBusStart, [hBusEnd, Y.hBus]), wire('xBus', ['x'], [70, Y.xIn - PORT_H / 2], [70, Y.xBus], [xBusEnd, Y.xBus])],
  };
}

function simpleRnnLayout(): Pick<CellLayout, 'nodes' | 'wires'> {
  const gx = 300;
  const io = inputs(gx - 10, gx + 10, [[PORT_W, Y.hBus]]);
  return {
    nodes: [
      port('port.hPrev', PORT_W / 2, Y.hBus, 'hₜ₋₁'),
      ...io.nodes,
      gate('gate.h', gx, 0, 'candidate', 'h', 'pre.h'),
      port('port.h', VIEW_WIDTH - PORT_W / 2, Y.top, 'hₜ'),
    ],
    wires: [...io.wires, ...feeds('h', gx, 'hPrev'), wire('out.h', ['h'], [gx, blockTop], [gx, Y.top], [VIEW_WIDTH - PORT_W, Y.top])],
  };
}

function lstmLayout(): Pick<CellLayout, 'nodes' | 'wires'> {
  // Gate columns, left to right in the order the cell uses them: f, i, g, o.
  const fx = 130, ix = 220, gx = 310, ox = 410, tx = 500;
  const io = inputs(ox - 10, ox + 10, [[PORT_W, Y.hBus]]);
  return {
    nodes: [
      port('port.cPrev', PORT_W / 2, Y.top, 'cₜ₋₁'),
      port('port.hPrev', PORT_W / 2, Y.hBus, 'hₜ₋₁'),
      ...io.nodes,
      gate('gate.f', fx, 1, 'gate', 'f', 'pre.f'),
      gate('gate.i', ix, 0, 'gate', 'i', 'pre.i'),
      gate('gate.g', gx, 2, 'candidate', 'g', 'pre.g'),
      gate('gate.o', ox, 3, 'gate', 'o', 'pre.o'),
      op('op.forget', fx, Y.top, '⊙'),
      op('op.input', gx, Y.mid, '⊙'),
      op('op.add', gx, Y.top, '+'),
      op('op.tanh', tx, Y.mid, 'tanh'),
      op('op.output', tx, Y.gate, '⊙'),
      port('port.c', VIEW_WIDTH - PORT_W / 2, Y.top, 'cₜ'),
      port('port.h', VIEW_WIDTH - PORT_W / 2, Y.hBus, 'hₜ'),
    ],
    wires: [
      ...io.wires,
      ...[['f', fx], ['i', ix], ['g', gx], ['o', ox]].flatMap(([id, x]) => feeds(id as string, x as number, 'hPrev')),
      wire('in.cPrev', ['cPrev'], [PORT_W, Y.top], [fx - OP_R, Y.top]),
      wire('out.f', ['f'], [fx, blockTop], [fx, Y.top + OP_R]),
      wire('kept', ['kept'], [fx + OP_R, Y.top], [gx - OP_R, Y.top]),
      wire('out.i', ['i'], [ix, blockTop], [ix, Y.mid], [gx - OP_R, Y.mid]),
      wire('out.g', ['g'], [gx, blockTop], [gx, Y.mid + OP_R]),
      wire('added', ['added'], [gx, Y.mid - OP_R], [gx, Y.top + OP_R]),
      wire('out.c', ['c'], [gx + OP_R, Y.top], [VIEW_WIDTH - PORT_W, Y.top]),
      wire('c.toTanh', ['c'], [tx, Y.top], [tx, Y.mid - OP_R]),
      wire('tanhC', ['tanhC'], [tx, Y.mid + OP_R], [tx, Y.gate - OP_R]),
      wire('out.o', ['o'], [ox + BLOCK_W / 2, Y.gate], [tx - OP_R, Y.gate]),
      wire('out.h', ['h'], [tx, Y.gate + OP_R], [tx, Y.hBus], [VIEW_WIDTH - PORT_W, Y.hBus]),
    ],
  };
}

function gruLayout(resetAfter: boolean): Pick<CellLayout, 'nodes' | 'wires'> {
  const rx = 120, zx = 220, mx = 340, hx = 480, resetX = 400, projX = 330;
  // h_{t-1} is the highway itself; it drops from it to the bus that feeds the gates.
  const dropX = 60;
  const candidateFeedX = hx - 10;
  const io = inputs(resetAfter ? projX - BLOCK_W / 2 : resetX - OP_R, hx + 10, [
    [dropX, Y.top],
    [dropX, Y.hBus],
  ]);
  const resetKey = resetAfter ? 'resetTerm' : 'resetH';
  return {
    nodes: [
      port('port.hPrev', PORT_W / 2, Y.top, 'hₜ₋₁'),
      ...io.nodes,
      gate('gate.r', rx, 1, 'gate', 'r', 'pre.r'),
      gate('gate.z', zx, 0, 'gate', 'z', 'pre.z'),
      gate('gate.h', hx, 2, 'candidate', 'hTilde', 'pre.h'),
      op('op.keep', zx, Y.top, '⊙'),
      op('op.oneMinus', mx, Y.mid, '1−'),
      op('op.take', hx, Y.mid, '⊙'),
      op('op.add', hx, Y.top, '+'),
      op('op.reset', resetX, Y.hBus, '⊙'),
      ...(resetAfter ? [{ id: 'op.project', role: 'transform', x: projX, y: Y.hBus, w: BLOCK_W, h: 24, symbol: '·U+b' } satisfies CellNode] : []),
      port('port.h', VIEW_WIDTH - PORT_W / 2, Y.top, 'hₜ'),
    ],
    wires: [
      ...io.wires,
      ...feeds('r', rx, 'hPrev'),
      ...feeds('z', zx, 'hPrev'),
      ...feeds('h', hx, null),
      wire('in.hPrev', ['hPrev'], [PORT_W, Y.top], [zx - OP_R, Y.top]),
      wire('out.z', ['z'], [zx, blockTop], [zx, Y.top + OP_R]),
      wire('z.toOneMinus', ['z'], [zx, Y.mid], [mx - OP_R, Y.mid]),
      wire('oneMinusZ', ['oneMinusZ'], [mx + OP_R, Y.mid], [hx - OP_R, Y.mid]),
      wire('kept', ['kept'], [zx + OP_R, Y.top], [hx - OP_R, Y.top]),
      wire('out.hTilde', ['hTilde'], [hx, blockTop], [hx, Y.mid + OP_R]),
      wire('added', ['added'], [hx, Y.mid - OP_R], [hx, Y.top + OP_R]),
      wire('out.h', ['h'], [hx + OP_R, Y.top], [VIEW_WIDTH - PORT_W, Y.top]),
      wire('out.r', ['r'], [rx, blockTop], [rx, Y.mid + 40], [resetX, Y.mid + 40], [resetX, Y.hBus - OP_R]),
      ...(resetAfter ? [wire('proj', ['proj'], [projX + BLOCK_W / 2, Y.hBus], [resetX - OP_R, Y.hBus])] : []),
      wire(`feed.reset`, [resetKey], [resetX + OP_R, Y.hBus], [candidateFeedX, Y.hBus], [candidateFeedX, blockBottom]),
    ],
  };
}

/** Stripe width: thin enough that 8 units plus the inputs stay a readable bundle. */
export function stripeWidth(units: number): number {
  return Math.max(1.5, Math.min(4, 16 / Math.max(1, units)));
}

export function cellLayout({ kind, units, inputDim, resetAfter = false }: DiagramShape): CellLayout {
  if (!(Number.isInteger(units) && units >= 1) || !(Number.isInteger(inputDim) && inputDim >= 1)) {
    throw new Error(`A cell diagram needs whole positive sizes, got ${units} units and ${inputDim} inputs.`);
  }
  const parts = kind === 'simpleRNN' ? simpleRnnLayout() : kind === 'lstm' ? lstmLayout() : gruLayout(resetAfter);
  return { kind, units, inputDim, resetAfter: kind === 'gru' && resetAfter, width: VIEW_WIDTH, height: Y.height, stripe: stripeWidth(units), ...parts };
}

/** How many stripes a wire draws: one per component of each vector it carries. */
export function stripeCount(layout: Pick<CellLayout, 'units' | 'inputDim'>, wire: CellWire): number {
  return wire.values.reduce((n, key) => n + (key === 'x' ? layout.inputDim : layout.units), 0);
}

/**
 * The polyline moved sideways by `offset` along the normal (−dy, dx) of each segment (on screen,
 * with y pointing down, positive is to the right of the direction of travel).
 * Segments are axis-aligned, so at a corner the offset point is the sum of both segments' normals.
 */
export function offsetPolyline(points: readonly (readonly [number, number])[], offset: number): [number, number][] {
  const normals = points.slice(1).map((p, k) => {
    const dx = p[0] - points[k][0];
    const dy = p[1] - points[k][1];
    const len = Math.hypot(dx, dy) || 1;
    return [-dy / len, dx / len] as const;
  });
  return points.map(([x, y], k) => {
    const before = normals[k - 1];
    const after = normals[k];
    if (!before || !after) {
      const n = before ?? after ?? [0, 0];
      return [x + n[0] * offset, y + n[1] * offset];
    }
    const same = Math.abs(before[0] - after[0]) < 1e-9 && Math.abs(before[1] - after[1]) < 1e-9;
    return same ? [x + before[0] * offset, y + before[1] * offset] : [x + (before[0] + after[0]) * offset, y + (before[1] + after[1]) * offset];
  });
}

export function pathOf(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], k) => `${k ? 'L' : 'M'}${x.toFixed(2)},${y.toFixed(2)}`).join('');
}

/** Each stripe's path, centred on the wire, stripe 0 furthest along the positive normal. */
export function stripePaths(layout: Pick<CellLayout, 'units' | 'inputDim' | 'stripe'>, wire: CellWire): string[] {
  const n = stripeCount(layout, wire);
  return Array.from({ length: n }, (_, k) => pathOf(offsetPolyline(wire.points, ((n - 1) / 2 - k) * layout.stripe)));
}

/** The column of unit `u` inside a block: the bars a gate block draws, and the bias handles. */
export function unitColumn(node: CellNode, units: number, u: number): { x: number; y: number; w: number; h: number } {
  const inner = node.w - 8;
  const w = inner / units;
  return { x: node.x - inner / 2 + u * w, y: node.y - node.h / 2 + 16, w, h: node.h - 20 };
}
