import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeJsonParam } from '../../src/engine/jsonParam';
import CellExplorer from '../../src/widgets/explorer/CellExplorer';
import { DEFAULT_SENTENCE, decodeConfig, defaultConfig, encodeConfig } from '../../src/engine/explorerConfig';
import { exampleSentences } from '../../src/widgets/cell/exampleSentences';

const SENTENCE = 'the cat sat 🐈';

function gateTable(cell = 'LSTM') {
  return screen.getByRole('table', { name: new RegExp(`^${cell} at step`) });
}

/** The text of one column (by header) for unit 0 in a gate table. */
function cellValue(table: HTMLElement, header: string): string {
  const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
  const col = headers.indexOf(header);
  expect(col, `column ${header} in ${headers.join(' | ')}`).toBeGreaterThan(0);
  const row = within(table).getAllByRole('row')[1];
  return row.children[col].textContent ?? '';
}

beforeEach(() => {
  window.history.replaceState(null, '', '/chapters/test');
});

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('CellExplorer', () => {
  it('nudging a weight from the keyboard changes the gate values in the table and writes the link', () => {
    render(<CellExplorer id="ex1" cell="lstm" sentence={SENTENCE} />);
    const before = cellValue(gateTable(), 'f pre-activation');
    // Column 2 of a 2-unit LSTM kernel is the forget gate's unit 0 (blocks i, f, c, o).
    const weight = screen.getByRole('slider', { name: /^kernel row 0 col 2 \(forget gate, unit 0\): / });
    const start = Number(weight.getAttribute('aria-valuenow'));
    fireEvent.keyDown(weight, { key: 'ArrowUp', shiftKey: true });
    const nudged = screen.getByRole('slider', { name: /^kernel row 0 col 2 \(forget gate, unit 0\): / });
    expect(Number(nudged.getAttribute('aria-valuenow'))).toBeCloseTo(start + 0.5, 5);
    const after = cellValue(gateTable(), 'f pre-activation');
    expect(after).not.toBe(before);
    // The x_0 of "the" times the +0.5 nudge is exactly what the pre-activation moved by.
    const x0 = Number(screen.getByRole('slider', { name: /^embedding of “the”, dimension 0: / }).getAttribute('aria-valuenow'));
    expect(Number(after) - Number(before)).toBeCloseTo(0.5 * x0, 3);

    const link = new URLSearchParams(window.location.search).get('ex1');
    expect(link).not.toBeNull();
    const decoded = decodeConfig(link!);
    expect(decoded.config?.weights.lstm.kernel[2]).toBeCloseTo(start + 0.5, 5);
    expect(decoded.config?.sentence).toBe(SENTENCE);
  });

  it('while a bias is dragged the gate table holds its numbers, marked busy, and catches up when the drag ends', () => {
    const { container } = render(<CellExplorer id="ex9" cell="lstm" sentence={SENTENCE} />);
    const table = () => gateTable();
    const before = cellValue(table(), 'o pre-activation');
    const diagram = container.querySelector('[data-cell-diagram="lstm"]')!;
    const outH = () => diagram.querySelector('[data-wire="out.h"]')!.getAttribute('data-values');
    const hBefore = outH();
    // The same bias in the weight grid: b_o[0] is column 6 of a 2-unit LSTM's bias (blocks i, f, c, o).
    const biasCell = () => screen.getByRole('slider', { name: /^bias row 0 col 6 \(output gate, unit 0\): / });
    const biasBefore = Number(biasCell().getAttribute('aria-valuenow'));
    // Unit 0's bar of the output gate block is the handle for the output gate's bias b_o[0] (the
    // forget gate would not do: at the first step there is no old cell for it to keep).
    const handle = diagram.querySelector('[data-node="gate.o"] [data-bias-index]')!;
    // The drag's moves and end are listeners on the handle outside React's events: act() flushes their renders.
    act(() => {
      fireEvent.pointerDown(handle, { button: 0, pointerId: 1, clientY: 200 });
      fireEvent.pointerMove(handle, { pointerId: 1, clientY: 150 });
    });
    // The drawing follows the drag at once; the table waits, and says so.
    expect(outH()).not.toBe(hBefore);
    expect(cellValue(table(), 'o pre-activation')).toBe(before);
    expect(table().getAttribute('aria-busy')).toBe('true');
    // The weight grid waits too.
    expect(Number(biasCell().getAttribute('aria-valuenow'))).toBe(biasBefore);
    act(() => {
      fireEvent.pointerUp(handle, { pointerId: 1, clientY: 150 });
    });
    expect(table().getAttribute('aria-busy')).toBeNull();
    // 50 px up at 0.02 per pixel: the bias, and with it the pre-activation, rose by 1.
    expect(Number(cellValue(table(), 'o pre-activation')) - Number(before)).toBeCloseTo(1, 3);
    expect(Number(biasCell().getAttribute('aria-valuenow')) - biasBefore).toBeCloseTo(1, 5);
  });

  it('during a drag the chain and the cell are repainted without re-rendering the panel: its words wait for the end', () => {
    const { container } = render(<CellExplorer id="ex10" cell="lstm" sentence={SENTENCE} />);
    const diagram = container.querySelector('[data-cell-diagram="lstm"]')!;
    const chainLabel = () => container.querySelector('.unrolled-diagram-wrap')!.getAttribute('aria-label');
    const candidateIn = () => diagram.querySelector('[data-node="gate.i"]')!.getAttribute('data-values');
    const labelBefore = chainLabel();
    const valuesBefore = candidateIn();
    // The input gate's bias for unit 0: it scales the candidate into c, which the chain's label reads out.
    const handle = diagram.querySelector('[data-node="gate.i"] [data-bias-index]')!;
    act(() => {
      fireEvent.pointerDown(handle, { button: 0, pointerId: 1, clientY: 200 });
      fireEvent.pointerMove(handle, { pointerId: 1, clientY: 100 });
    });
    // The drawing has the new input gate; the label (c at this step) still says what it said.
    expect(candidateIn()).not.toBe(valuesBefore);
    expect(chainLabel()).toBe(labelBefore);
    act(() => {
      fireEvent.pointerUp(handle, { pointerId: 1, clientY: 100 });
    });
    expect(chainLabel()).not.toBe(labelBefore);
  });

  it('steps through time with ←, →, Home and End, and not while a weight has focus', () => {
    const { container } = render(<CellExplorer id="ex2" cell="gru" sentence={SENTENCE} />);
    const region = screen.getByRole('group', { name: /Unrolled cells/ });
    const time = () => container.querySelector('[data-time]')?.getAttribute('data-time');
    expect(time()).toBe('0');
    fireEvent.keyDown(region, { key: 'ArrowRight' });
    fireEvent.keyDown(region, { key: 'ArrowRight' });
    expect(time()).toBe('2');
    expect(gateTable('GRU').querySelector('caption')?.textContent).toContain('step 3 (“sat”)');
    fireEvent.keyDown(region, { key: 'ArrowLeft' });
    expect(time()).toBe('1');
    fireEvent.keyDown(region, { key: 'End' });
    expect(time()).toBe('3');
    fireEvent.keyDown(region, { key: 'Home' });
    expect(time()).toBe('0');
    // Arrow keys on a weight move between cells instead.
    fireEvent.keyDown(screen.getAllByRole('slider', { name: /^kernel row 0 col 0/ })[0], { key: 'ArrowRight' });
    expect(time()).toBe('0');
  });

  it('space plays and pauses', () => {
    render(<CellExplorer id="ex3" cell="rnn" sentence={SENTENCE} />);
    const region = screen.getByRole('group', { name: /Unrolled cells/ });
    fireEvent.keyDown(region, { key: ' ' });
    expect(screen.getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(region, { key: ' ' });
    expect(screen.getByRole('button', { name: 'Play' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('compare mode draws RNN, LSTM and GRU under one time cursor', () => {
    const { container } = render(<CellExplorer id="ex4" cell="gru" compare sentence={SENTENCE} />);
    const panels = [...container.querySelectorAll('[data-cell]')].map((p) => p.getAttribute('data-cell'));
    expect(panels).toEqual(['rnn', 'lstm', 'gru']);
    fireEvent.click(screen.getByRole('button', { name: 'Step forward' }));
    for (const cell of ['SimpleRNN', 'LSTM', 'GRU']) expect(gateTable(cell).querySelector('caption')?.textContent).toContain('step 2 (“cat”)');
    // Switching compare off leaves the one chosen cell.
    fireEvent.click(screen.getByLabelText('Compare RNN, LSTM and GRU'));
    expect([...container.querySelectorAll('[data-cell]')].map((p) => p.getAttribute('data-cell'))).toEqual(['gru']);
  });

  it('a preset loads its weights and does what it says: the counter counts tokens', () => {
    render(<CellExplorer id="ex5" cell="rnn" sentence="one two three four" />);
    fireEvent.click(screen.getByRole('button', { name: 'A counter' }));
    const region = screen.getByRole('group', { name: /Unrolled cells/ });
    fireEvent.keyDown(region, { key: 'End' });
    expect(Number(cellValue(gateTable('LSTM'), 'c'))).toBeCloseTo(4, 1);
  });

  it('a garbage link gives the defaults and a visible note', () => {
    window.history.replaceState(null, '', '/chapters/test?ex6=%7Bnot-json');
    render(<CellExplorer id="ex6" cell="lstm" sentence={SENTENCE} />);
    expect(screen.getAllByRole('status').some((s) => s.textContent?.includes('could not be read'))).toBe(true);
    expect(gateTable('LSTM').querySelector('caption')?.textContent).toContain('step 1 (“the”)');
    expect(screen.getByLabelText<HTMLInputElement>('Sentence (any language, emoji welcome)').value).toBe(SENTENCE);
  });

  it('a link written by one explorer restores the same state in a fresh one', () => {
    const first = render(<CellExplorer id="ex7" cell="lstm" sentence={SENTENCE} />);
    fireEvent.click(screen.getByRole('button', { name: 'A sign-flipper' }));
    fireEvent.keyDown(screen.getByRole('group', { name: /Unrolled cells/ }), { key: 'End' });
    fireEvent.keyDown(screen.getByRole('slider', { name: /^bias row 0 col 0/ }), { key: 'ArrowUp' });
    const table = gateTable('SimpleRNN').textContent;
    const link = new URLSearchParams(window.location.search).get('ex7')!;
    expect((decodeJsonParam(link) as { c: string }).c).toBe('rnn');
    first.unmount();

    window.history.replaceState(null, '', `/chapters/test?ex7=${link}`);
    render(<CellExplorer id="ex7" cell="lstm" sentence="something else" />);
    expect(screen.queryAllByRole('status').some((s) => s.textContent?.includes('could not be read'))).toBe(false);
    expect(gateTable('SimpleRNN').textContent).toBe(table);
    expect(screen.getByRole('slider', { name: /^bias row 0 col 0/ }).getAttribute('aria-valuetext')).toBe('1.05');
  });

  it('two explorers on a page keep separate state and separate link parameters', async () => {
    render(
      <>
        <CellExplorer id="left" cell="lstm" sentence="a b" />
        <CellExplorer id="right" cell="gru" sentence="c d e" />
      </>,
    );
    const [leftRegion, rightRegion] = screen.getAllByRole('group', { name: /Unrolled cells/ });
    fireEvent.keyDown(rightRegion, { key: 'End' });
    fireEvent.keyDown(leftRegion, { key: 'ArrowRight' });
    // Time moves are written on the throttle's next tick, not at once.
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    const params = new URLSearchParams(window.location.search);
    expect(decodeConfig(params.get('left')!).config?.time).toBe(1);
    expect(decodeConfig(params.get('right')!).config?.time).toBe(2);
  });
});

describe('CellExplorer in the Chinese edition', () => {
  const zh = exampleSentences('zh');
  const sentenceField = () => screen.getByLabelText<HTMLInputElement>('句子（任何语言，也可以用表情符号）');

  it('starts from a Chinese sentence and its presets bring Chinese sentences that show their trick', () => {
    window.history.replaceState(null, '', '/zh/chapters/test');
    render(<CellExplorer id="zh1" cell="lstm" />);
    expect(sentenceField().value).toBe(zh.explorer);
    fireEvent.click(screen.getByRole('button', { name: '计数器' }));
    expect(sentenceField().value).toBe(zh.presets.counter);
    // The counter adds one per token: 16 tokens in 数羊：一只羊，两只羊，三只羊，四只羊.
    fireEvent.keyDown(screen.getByRole('group', { name: /展开/ }), { key: 'End' });
    const table = screen.getByRole('table', { name: /^LSTM/ });
    const cTexts = within(table).getAllByRole('row').slice(1).map((r) => r.children[9]?.textContent);
    expect(Number(cTexts[0])).toBeCloseTo(16, 0);
  });

  it('a link still wins over the Chinese example', () => {
    const text = encodeConfig({ ...defaultConfig({ cell: 'gru', sentence: 'the cat sat' }), time: 1 });
    window.history.replaceState(null, '', `/zh/chapters/test?zh2=${text}`);
    render(<CellExplorer id="zh2" cell="lstm" />);
    expect(sentenceField().value).toBe('the cat sat');
  });

  it('English presets keep the reader’s sentence', () => {
    render(<CellExplorer id="en1" cell="lstm" sentence={SENTENCE} />);
    fireEvent.click(screen.getByRole('button', { name: 'A counter' }));
    expect(screen.getByLabelText<HTMLInputElement>('Sentence (any language, emoji welcome)').value).toBe(SENTENCE);
    expect(exampleSentences('en').explorer).toBe(DEFAULT_SENTENCE);
  });
});
