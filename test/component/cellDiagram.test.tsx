import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { type CellKind, type CellParams, type CellShape, partShape, runCell } from '../../src/engine/cellTrace';
import { gruForward } from '../../src/engine/gru';
import { lstmForward } from '../../src/engine/lstm';
import { matrix } from '../../src/engine/matrix';
import { seededRandom, uniformArray } from '../../src/engine/random';
import { simpleRnnForward } from '../../src/engine/simpleRnn';
import { num } from '../../src/viz/format';
import { exampleSentences } from '../../src/widgets/cell/exampleSentences';
import { LiveCell } from '../../src/widgets/cell/LiveCell';
import { WALKS } from '../../src/widgets/cell/cellWalks';

const T = 5;
const STEP = 3;
const inputs = (() => {
  const r = seededRandom(3);
  return Array.from({ length: T }, () => uniformArray(3, 1, r));
})();

function paramsFor(shape: CellShape): CellParams {
  const r = seededRandom(11 + shape.units);
  const size = (part: 'kernel' | 'recurrentKernel' | 'bias') => partShape(shape, part)[0] * partShape(shape, part)[1];
  return { kernel: uniformArray(size('kernel'), 1.2, r), recurrentKernel: uniformArray(size('recurrentKernel'), 1.2, r), bias: uniformArray(size('bias'), 0.6, r) };
}

const f32 = (values: ArrayLike<number>) => Array.from(Float32Array.from(values));
const times = (a: ArrayLike<number>, b: ArrayLike<number>) => f32(Array.from(a, (v, j) => v * b[j]));

/**
 * What each wire must carry, written from the engine's own cells (not from the trace adapter the
 * diagram uses), so a wire hooked to the wrong quantity fails here.
 */
function expectedWires(kind: CellKind, resetAfter: boolean, p: CellParams, shape: CellShape): Record<string, number[]> {
  const k = matrix(...partShape(shape, 'kernel'), p.kernel);
  const u = matrix(...partShape(shape, 'recurrentKernel'), p.recurrentKernel);
  const common = (x: ArrayLike<number>, hPrev: ArrayLike<number>) => ({ hBus: f32(hPrev), xBus: f32(x) });
  if (kind === 'rnn') {
    const s = simpleRnnForward(inputs, { kernel: k, recurrentKernel: u, bias: p.bias })[STEP];
    return { ...common(s.x, s.hPrev), 'feed.x.h': f32(s.x), 'feed.h.h': f32(s.hPrev), 'out.h': f32(s.h) };
  }
  if (kind === 'lstm') {
    const s = lstmForward(inputs, { kernel: k, recurrentKernel: u, bias: p.bias })[STEP];
    const feeds = Object.fromEntries(['f', 'i', 'g', 'o'].flatMap((g) => [[`feed.x.${g}`, f32(s.x)], [`feed.h.${g}`, f32(s.hPrev)]]));
    return {
      ...common(s.x, s.hPrev),
      ...feeds,
      'in.cPrev': f32(s.cPrev),
      'out.f': f32(s.f.activation),
      kept: times(s.f.activation, s.cPrev),
      'out.i': f32(s.i.activation),
      'out.g': f32(s.g.activation),
      added: times(s.i.activation, s.g.activation),
      'out.c': f32(s.c),
      'c.toTanh': f32(s.c),
      tanhC: f32(Array.from(s.c, Math.tanh)),
      'out.o': f32(s.o.activation),
      'out.h': f32(s.h),
    };
  }
  const weights = resetAfter
    ? { resetAfter: true as const, kernel: k, recurrentKernel: u, bias: matrix(2, 3 * shape.units, p.bias) }
    : { resetAfter: false as const, kernel: k, recurrentKernel: u, bias: p.bias };
  const s = gruForward(inputs, weights)[STEP];
  const oneMinus = f32(Array.from(s.z.activation, (z) => 1 - z));
  return {
    ...common(s.x, s.hPrev),
    'feed.x.z': f32(s.x),
    'feed.h.z': f32(s.hPrev),
    'feed.x.r': f32(s.x),
    'feed.h.r': f32(s.hPrev),
    'feed.x.h': f32(s.x),
    'in.hPrev': f32(s.hPrev),
    'out.z': f32(s.z.activation),
    'z.toOneMinus': f32(s.z.activation),
    oneMinusZ: oneMinus,
    kept: times(s.z.activation, s.hPrev),
    'out.hTilde': f32(s.candidate.activation),
    added: times(oneMinus, s.candidate.activation),
    'out.h': f32(s.h),
    'out.r': f32(s.r.activation),
    ...(resetAfter ? { proj: f32(s.recurrentProjection!) } : {}),
    'feed.reset': resetAfter ? f32(s.candidate.recurrentTerm) : times(s.r.activation, s.hPrev),
  };
}

function wireValues(container: HTMLElement): Record<string, number[]> {
  return Object.fromEntries(
    Array.from(container.querySelectorAll('[data-wire]'), (el) => {
      const text = el.getAttribute('data-values') ?? '';
      return [el.getAttribute('data-wire')!, text === '' ? [] : text.split(',').map(Number)];
    }),
  );
}

const cases: [CellKind, boolean][] = [
  ['rnn', false],
  ['lstm', false],
  ['gru', false],
  ['gru', true],
];

describe('cell diagrams', () => {
  it.each(cases)('every wire of the %s (reset_after %s) shows the engine value at the step', (kind, resetAfter) => {
    const shape: CellShape = { kind, units: 3, inputDim: 3, resetAfter };
    const params = paramsFor(shape);
    const trace = runCell(shape, params, inputs);
    const { container } = render(
      <LiveCell id="c" kind={kind} resetAfter={resetAfter} units={3} inputDim={3} step={trace.steps[STEP]} time={STEP} token="w" cellName={kind} />,
    );
    const diagram = container.querySelector('[data-cell-diagram]')!;
    expect(diagram.getAttribute('data-cell-diagram')).toBe({ rnn: 'simpleRNN', lstm: 'lstm', gru: 'gru' }[kind]);
    const shown = wireValues(container);
    const expected = expectedWires(kind, resetAfter, params, shape);
    expect(Object.keys(shown).sort()).toEqual(Object.keys(expected).sort());
    for (const [id, values] of Object.entries(expected)) {
      expect(shown[id], id).toHaveLength(values.length);
      // Stored as float32 by the engine and printed in full: equal up to float32 rounding.
      shown[id].forEach((v, j) => expect(v, `${id}[${j}]`).toBeCloseTo(values[j], 6));
    }
    // The gate table is the drawing's text alternative.
    const svg = container.querySelector('svg')!;
    const table = document.getElementById(svg.getAttribute('aria-describedby')!);
    expect(table?.tagName).toBe('TABLE');
  });

  it('has one bar column per unit in every block, and more stripes with more units', () => {
    const draw = (units: number) => {
      const shape: CellShape = { kind: 'lstm', units, inputDim: 2, resetAfter: false };
      const trace = runCell(shape, paramsFor(shape), inputs.map((x) => x.slice(0, 2)));
      const { container, unmount } = render(<LiveCell id={`u${units}`} kind="lstm" units={units} inputDim={2} step={trace.steps[0]} time={0} token="w" cellName="LSTM" />);
      const counts = {
        bars: container.querySelectorAll('[data-node="gate.f"] .cell-bar-frame').length,
        stripes: container.querySelector('[data-wire="out.c"]')!.getAttribute('data-values')!.split(',').length,
      };
      unmount();
      return counts;
    };
    expect(draw(2)).toEqual({ bars: 2, stripes: 2 });
    expect(draw(5)).toEqual({ bars: 5, stripes: 5 });
  });
});

function EditableLstm() {
  const shape: CellShape = { kind: 'lstm', units: 2, inputDim: 3, resetAfter: false };
  const [params, setParams] = useState(() => paramsFor(shape));
  const trace = runCell(shape, params, inputs);
  return (
    <LiveCell
      id="e"
      kind="lstm"
      units={2}
      inputDim={3}
      step={trace.steps[STEP]}
      time={STEP}
      token="w"
      cellName="LSTM"
      bias={params.bias}
      onBiasChange={(index, value) => {
        const bias = params.bias.slice();
        bias[index] = value;
        setParams({ ...params, bias });
      }}
    />
  );
}

describe('LiveCell', () => {
  it('nudges a gate bias from the keyboard and redraws every later value', () => {
    const { container } = render(<EditableLstm />);
    // The forget gate is slot 1 of i, f, c, o: bias index 1·units + 0.
    const handle = screen.getByRole('slider', { name: /^bias of the forget gate, unit 0/ });
    expect(handle.getAttribute('data-bias-index')).toBe('2');
    const before = Number(handle.getAttribute('aria-valuenow'));
    const keptBefore = wireValues(container).kept[0];
    fireEvent.keyDown(handle, { key: 'ArrowUp', shiftKey: true });
    const after = screen.getByRole('slider', { name: /^bias of the forget gate, unit 0/ });
    expect(Number(after.getAttribute('aria-valuenow'))).toBeCloseTo(before + 0.5, 5);
    // A more open forget gate keeps more of c_{t-1} (which is nonzero at step 3).
    expect(Math.abs(wireValues(container).kept[0])).toBeGreaterThan(Math.abs(keptBefore));
    fireEvent.keyDown(after, { key: 'ArrowDown' });
    expect(Number(screen.getByRole('slider', { name: /^bias of the forget gate, unit 0/ }).getAttribute('aria-valuenow'))).toBeCloseTo(before + 0.45, 5);
  });

  it('a block that cannot be dragged shows its exact numbers on keyboard focus, as on hover', () => {
    const shape: CellShape = { kind: 'lstm', units: 2, inputDim: 3, resetAfter: false };
    const trace = runCell(shape, paramsFor(shape), inputs);
    const { container } = render(<LiveCell id="ro" kind="lstm" units={2} inputDim={3} step={trace.steps[STEP]} time={STEP} token="w" cellName="LSTM" />);
    expect(container.querySelector('[data-bias-index]')).toBeNull();
    const block = container.querySelector<SVGGElement>('[data-node="gate.f"]')!;
    expect(block.getAttribute('tabindex')).toBe('0');
    const readout = container.querySelector('.cell-readout')!;
    fireEvent.focus(block);
    const f = Array.from(trace.steps[STEP].act[1], (v) => num(v, 4)).join(', ');
    expect(readout.textContent).toContain(`forget gate f = [${f}]`);
    expect(readout.textContent).toContain('pre-activation');
    fireEvent.blur(block);
    expect(readout.textContent?.trim()).toBe('');
  });

  it('walks through the LSTM step stage by stage with Next, Back and arrow keys', () => {
    const { container } = render(<EditableLstm />);
    const figure = container.querySelector('figure')!;
    expect(figure.getAttribute('data-stage')).toBe('all');
    fireEvent.click(screen.getByRole('button', { name: 'Walk through this step' }));
    const stages = WALKS.lstm;
    expect(figure.getAttribute('data-stage')).toBe('inputs');
    expect(screen.getByText(/Stage 1 of 7/)).toBeTruthy();
    // Later stages are not computed yet: the cell output is drawn as future.
    expect(container.querySelector('[data-wire="out.c"]')!.getAttribute('class')).toContain('cell-future');
    for (let k = 1; k < stages.length; k++) {
      fireEvent.click(screen.getByRole('button', { name: 'Next' }));
      expect(figure.getAttribute('data-stage')).toBe(stages[k].id);
    }
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    // At the output stage the stage lights h and lists its numbers.
    expect(container.querySelector('[data-wire="out.h"]')!.getAttribute('class')).toContain('cell-lit');
    const panel = screen.getByRole('region', { name: 'Walk through this step' });
    expect(within(panel).getByText('hₜ')).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Back' }), { key: 'ArrowLeft' });
    expect(figure.getAttribute('data-stage')).toBe('add');
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(figure.getAttribute('data-stage')).toBe('forget');
    expect(panel.textContent).toContain('forget gate scales the old cell state');
    fireEvent.click(screen.getByRole('button', { name: 'Close the walk' }));
    expect(figure.getAttribute('data-stage')).toBe('all');
  });

  it('plays one step through every stage in order and ends on the whole step', async () => {
    const { container } = render(<EditableLstm />);
    const figure = container.querySelector('figure')!;
    const { vi } = await import('vitest');
    vi.useFakeTimers();
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Play one step' }));
      const seen = [figure.getAttribute('data-stage')];
      for (let k = 0; k < WALKS.lstm.length + 1; k++) {
        act(() => vi.advanceTimersByTime(900));
        seen.push(figure.getAttribute('data-stage'));
      }
      expect(seen).toEqual([...WALKS.lstm.map((s) => s.id), 'all', 'all']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('cell diagrams in the explorer and the lanes', () => {
  it('compare mode draws RNN, LSTM and GRU side by side on one time cursor', async () => {
    const { default: CellExplorer } = await import('../../src/widgets/explorer/CellExplorer');
    window.history.replaceState(null, '', '/chapters/test');
    const { container } = render(<CellExplorer id="cmp" cell="gru" compare sentence="the cat sat" />);
    const region = container.querySelector('.explorer-time-region')!;
    expect(region.getAttribute('data-compare')).toBe('true');
    const kinds = Array.from(region.querySelectorAll('[data-cell-diagram]'), (d) => d.getAttribute('data-cell-diagram'));
    expect(kinds).toEqual(['simpleRNN', 'lstm', 'gru']);
    // Side by side: each panel is a direct cell of the region's grid, one per kind.
    expect(region.querySelectorAll(':scope > .explorer-panel')).toHaveLength(3);
    fireEvent.keyDown(region, { key: 'ArrowRight' });
    for (const d of region.querySelectorAll('[data-cell-diagram]')) {
      expect(d.querySelector('svg')!.getAttribute('aria-label')).toContain('step 2');
    }
    window.history.replaceState(null, '', '/');
  });

  it('a gate bias nudged on the explorer diagram is the bias the weight grid shows', async () => {
    const { default: CellExplorer } = await import('../../src/widgets/explorer/CellExplorer');
    window.history.replaceState(null, '', '/chapters/test');
    render(<CellExplorer id="nudge" cell="lstm" sentence="the cat sat" />);
    const handle = screen.getByRole('slider', { name: /^bias of the output gate, unit 1/ });
    fireEvent.keyDown(handle, { key: 'ArrowUp', shiftKey: true });
    // Output gate is block 3 of i, f, c, o; unit 1 of 2 units: bias column 7.
    const cell = screen.getByRole('slider', { name: /^bias row 0 col 7 \(output gate, unit 1\): / });
    expect(Number(cell.getAttribute('aria-valuenow'))).toBeCloseTo(0.5, 5);
    window.history.replaceState(null, '', '/');
  });

  it('stacked lanes feed layer 1’s h into layer 2’s x, and bidirectional lanes concatenate', async () => {
    const { default: CellLanes } = await import('../../src/widgets/cell/CellLanes');
    const { container, unmount } = render(<CellLanes preset="stacked" storageKey="t-stacked" sentence="a b c d" />);
    const lane = (id: string) => container.querySelector(`[data-lane="${id}"]`)!;
    const values = (root: Element, wire: string) => root.querySelector(`[data-wire="${wire}"]`)!.getAttribute('data-values');
    expect(values(lane('upper'), 'xBus')).toBe(values(lane('lower'), 'out.h'));
    fireEvent.click(screen.getByRole('button', { name: 'Step forward' }));
    expect(values(lane('upper'), 'xBus')).toBe(values(lane('lower'), 'out.h'));
    expect(values(lane('upper'), 'hBus')).not.toBe('0,0,0');
    unmount();

    const bi = render(<CellLanes preset="bidirectional" storageKey="t-bi" sentence="not bad at all" />);
    const concat = within(bi.container.querySelector('[data-testid="concat"]') as HTMLElement).getAllByRole('table')[0];
    const rows = within(concat).getAllByRole('row').slice(1).map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent));
    expect(rows[2]).toEqual([...rows[0].slice(0, 3), ...rows[1].slice(0, 3)]);
    // At the first token the backward cell has read the whole sentence: its last step.
    const backward = bi.container.querySelector('[data-lane="backward"] [data-cell-diagram] svg')!;
    expect(backward.getAttribute('aria-label')).toContain('step 4');
  });
});

describe('the unrolled chain', () => {
  it('draws the state highway through every token: ⊙ and + per copy for gated cells, one node for a SimpleRNN', async () => {
    const { default: CellExplorer } = await import('../../src/widgets/explorer/CellExplorer');
    window.history.replaceState(null, '', '/chapters/test');
    const { container } = render(<CellExplorer id="chain" cell="gru" compare sentence="a b c d e" />);
    const nodes = (kind: string) =>
      Array.from(container.querySelectorAll(`[data-cell="${kind}"] .unrolled-node text`), (n) => n.textContent);
    expect(nodes('lstm')).toEqual(Array(5).fill(['⊙', '+']).flat());
    expect(nodes('gru')).toEqual(Array(5).fill(['⊙', '+']).flat());
    expect(nodes('rnn')).toEqual(Array(5).fill('tanh'));
    expect(container.querySelectorAll('[data-cell="lstm"] .unrolled-token')).toHaveLength(5);
    // The chain's name says which state runs along it and its value at the cursor.
    expect(container.querySelector('[data-cell="lstm"] .unrolled-diagram-wrap')!.getAttribute('aria-label')).toMatch(/state c along the top; step 1 .* c = \[/);
    window.history.replaceState(null, '', '/');
  });
});

describe('LiveCell links', () => {
  it('a link to #<id>-walk opens the walk', () => {
    window.history.replaceState(null, '', '/chapters/test');
    render(<EditableLstm />);
    expect(screen.queryByRole('region', { name: 'Walk through this step' })).toBeNull();
    act(() => {
      window.location.hash = '#e-walk';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(screen.getByRole('region', { name: 'Walk through this step' })).toBeTruthy();
    expect(screen.getByText(/Stage 1 of 7/)).toBeTruthy();
    window.history.replaceState(null, '', '/');
  });
});

describe('example sentences follow the page language', () => {
  const zh = exampleSentences('zh');

  it('the lanes and the backwards cell start from Chinese sentences in the Chinese edition; an untouched one is not saved', async () => {
    const { default: CellLanes } = await import('../../src/widgets/cell/CellLanes');
    const { default: GradientCell } = await import('../../src/widgets/cell/GradientCell');
    window.history.replaceState(null, '', '/zh/chapters/test');
    const lanes = render(<CellLanes preset="gruVariants" storageKey="t-zh-lanes" />);
    expect(screen.getByLabelText<HTMLInputElement>('句子').value).toBe(zh.lanes.gruVariants);
    fireEvent.click(screen.getByRole('button', { name: '前进一步' }));
    expect(JSON.parse(localStorage.getItem('unrolled:settings:t-zh-lanes')!).state.sentence).toBeNull();
    lanes.unmount();

    render(<GradientCell />);
    expect(screen.getByLabelText<HTMLInputElement>('句子').value).toBe(zh.gradient);
    // 法国 … 法语: the segmenter cut the sentence into words, so the step slider runs over them.
    expect(screen.getByRole<HTMLInputElement>('slider', { name: /^时间步/ }).max).toBe('6');
    window.history.replaceState(null, '', '/');
  });

  it('a sentence the reader typed is saved and wins over the example', async () => {
    const { default: CellLanes } = await import('../../src/widgets/cell/CellLanes');
    const first = render(<CellLanes preset="stacked" storageKey="t-own-lanes" />);
    fireEvent.change(screen.getByLabelText('Sentence'), { target: { value: 'my own words' } });
    first.unmount();
    window.history.replaceState(null, '', '/zh/chapters/test');
    render(<CellLanes preset="stacked" storageKey="t-own-lanes" />);
    expect(screen.getByLabelText<HTMLInputElement>('句子').value).toBe('my own words');
    window.history.replaceState(null, '', '/');
  });
});
