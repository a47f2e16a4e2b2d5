import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { NumberField, ProgressBar, Select, Slider, Stat, TextArea, TextField, Toggle } from '../../src/widgets/shell/controls';
import { WidgetShell } from '../../src/widgets/shell/WidgetShell';
import { sci } from '../../src/viz/format';

describe('WidgetShell', () => {
  it('shows its title and calls onReset from the Reset button', () => {
    const onReset = vi.fn();
    render(
      <WidgetShell title="Gate explorer" widget="gates" onReset={onReset}>
        <p>content</p>
      </WidgetShell>,
    );
    expect(screen.getByRole('figure', { name: 'Gate explorer' })).toBeTruthy();
    expect(screen.getByText('content')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onReset).toHaveBeenCalledTimes(1);
  });

  it('has no Reset button without onReset, and says when its content is ready', () => {
    const { container } = render(
      <WidgetShell title="Plain" widget="plain">
        <p>content</p>
      </WidgetShell>,
    );
    expect(screen.queryByRole('button', { name: 'Reset' })).toBeNull();
    const root = container.querySelector('[data-widget="plain"]');
    expect(root?.getAttribute('data-widget-ready')).toBe('true');
  });

  it('shows a crashed child’s message and recovers with Try again', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React reports the caught error
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    let broken = true;
    function Fragile() {
      if (broken) throw new Error('weights have the wrong shape');
      return <p>recovered</p>;
    }
    const { container } = render(
      <WidgetShell title="Fragile" widget="fragile">
        <Fragile />
      </WidgetShell>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong in this widget');
    expect(screen.getByText('weights have the wrong shape')).toBeTruthy();
    expect(container.querySelector('[data-widget="fragile"]')?.getAttribute('data-widget-ready')).toBe('false');

    broken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('recovered')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    vi.restoreAllMocks();
  });
});

describe('controls', () => {
  it('are each reachable by their label', () => {
    const noop = () => {};
    render(
      <>
        <NumberField label="Hidden units" value={8} onChange={noop} />
        <Slider label="Learning rate" value={0.1} min={0} max={1} step={0.01} onChange={noop} />
        <Select label="Cell" value="lstm" options={[{ value: 'lstm', label: 'LSTM' }, { value: 'gru', label: 'GRU' }]} onChange={noop} />
        <TextField label="Seed text" value="hello" onChange={noop} />
        <TextArea label="Corpus" value="abc" onChange={noop} />
        <Toggle label="Show gates" checked onChange={noop} />
      </>,
    );
    expect((screen.getByLabelText('Hidden units') as HTMLInputElement).value).toBe('8');
    expect((screen.getByLabelText("Learning rate") as HTMLInputElement).type).toBe('range');
    expect((screen.getByLabelText('Cell') as HTMLSelectElement).value).toBe('lstm');
    expect((screen.getByLabelText('Seed text') as HTMLInputElement).value).toBe('hello');
    expect((screen.getByLabelText('Corpus') as HTMLTextAreaElement).value).toBe('abc');
    expect((screen.getByLabelText('Show gates') as HTMLInputElement).checked).toBe(true);
  });

  it('NumberField passes numbers on, and answers anything else with a message instead of NaN', () => {
    const onChange = vi.fn();
    function Harness() {
      const [value, setValue] = useState(3);
      return (
        <NumberField
          label="Steps"
          value={value}
          min={1}
          max={50}
          onChange={(next) => {
            onChange(next);
            setValue(next);
          }}
        />
      );
    }
    render(<Harness />);
    const input = screen.getByLabelText('Steps') as HTMLInputElement;

    fireEvent.change(input, { target: { value: '12' } });
    expect(onChange).toHaveBeenLastCalledWith(12);

    fireEvent.change(input, { target: { value: 'twelve' } });
    expect(screen.getByRole('alert').textContent).toBe('Enter a number');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.value).toBe('twelve');

    fireEvent.change(input, { target: { value: '99' } });
    expect(screen.getByRole('alert').textContent).toBe('Must be at most 50');
    expect(onChange).toHaveBeenCalledTimes(1);

    fireEvent.change(input, { target: { value: '20' } });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(onChange).toHaveBeenLastCalledWith(21);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Slider reports numbers and shows its value', () => {
    const onChange = vi.fn();
    render(<Slider label="Sequence length" value={5} min={1} max={20} onChange={onChange} />);
    const slider = screen.getByLabelText("Sequence length");
    expect(screen.getByText('5')).toBeTruthy();
    fireEvent.change(slider, { target: { value: '7' } });
    expect(onChange).toHaveBeenCalledWith(7);
  });

  it('ProgressBar exposes its value to assistive technology and as text', () => {
    render(<ProgressBar label="Training" value={3} max={10} text="epoch 3 / 10" />);
    const bar = screen.getByRole('progressbar', { name: 'Training' });
    expect(bar.getAttribute('aria-valuenow')).toBe('3');
    expect(bar.getAttribute('aria-valuemax')).toBe('10');
    expect(screen.getByText('Training: epoch 3 / 10')).toBeTruthy();
  });

  it('Stat shows a computed value next to its label, formatted as the widgets format it', () => {
    // float32 rounding of 0.1 is off by 1.490116…e-9: the kind of gap the parity widgets report.
    const gap = Math.abs(Math.fround(0.1) - 0.1);
    render(<Stat label="max |Δ|" value={sci(gap)} />);
    const label = screen.getByText('max |Δ|');
    expect(label.nextElementSibling?.textContent).toBe('1.5e-9');
  });
});
