/**
 * The labelled inputs widgets are built from. Each one renders a real <label> bound to its input,
 * so screen readers announce it and clicking the text focuses the control; each reports values in
 * their natural type (number, boolean, option) so widgets never parse strings themselves.
 */
import { useEffect, useId, useState, type ButtonHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { useT, type Translate } from '../../book/i18n';

export function Button({ className, type = 'button', ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={className ? `ui-button ${className}` : 'ui-button'} {...props} />;
}

/** A row that lays controls out side by side and wraps on narrow screens. */
export function Controls({ children }: { children: ReactNode }) {
  return <div className="ui-controls">{children}</div>;
}

interface FieldProps {
  label: ReactNode;
  disabled?: boolean;
}

export interface NumberFieldProps extends FieldProps {
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  /** How far ArrowUp/ArrowDown move the value. */
  step?: number;
}

function numberProblem(text: string, min: number | undefined, max: number | undefined, t: Translate): string | null {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return t('field.notANumber');
  if (min !== undefined && value < min) return t('field.tooSmall', { min });
  if (max !== undefined && value > max) return t('field.tooLarge', { max });
  return null;
}

const clamp = (value: number, min = -Infinity, max = Infinity) => Math.min(max, Math.max(min, value));

/**
 * A number typed as text, so half-typed input ("1e-", "") stays on screen with a message instead of
 * being silently turned into NaN or 0. Only valid, in-range numbers reach `onChange`.
 */
export function NumberField({ label, value, onChange, min, max, step = 1, disabled }: NumberFieldProps) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(String(value));
  const problem = numberProblem(text, min, max, t);

  // Follow the value when the widget changes it (Reset, a linked slider), unless the text on
  // screen already means that number.
  useEffect(() => {
    setText((current) => (Number(current) === value && current.trim() !== '' ? current : String(value)));
  }, [value]);

  const edit = (next: string) => {
    setText(next);
    if (numberProblem(next, min, max, t) === null) onChange(Number(next));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const direction = event.key === 'ArrowUp' ? 1 : event.key === 'ArrowDown' ? -1 : 0;
    if (direction === 0 || problem) return;
    event.preventDefault();
    // Round away float noise from repeated steps (0.1 + 0.2) using the step's own precision.
    const decimals = (String(step).split('.')[1] ?? '').length;
    edit(String(Number(clamp(Number(text) + direction * step, min, max).toFixed(decimals))));
  };

  return (
    <div className="ui-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => edit(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {problem && (
        <span className="ui-field-problem" id={`${id}-problem`} role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

export interface SliderProps extends FieldProps {
  value: number;
  onChange: (value: number) => void;
  min: number;
  max: number;
  step?: number;
  /** How the current value is shown next to the label; defaults to the plain number. */
  format?: (value: number) => string;
}

export function Slider({ label, value, onChange, min, max, step = 1, format = String, disabled }: SliderProps) {
  const id = useId();
  return (
    <div className="ui-field ui-slider">
      <div className="ui-slider-head">
        <label htmlFor={id}>{label}</label>
        {/* Screen readers hear the value through aria-valuetext; this copy is for the eye. */}
        <span className="ui-slider-value" aria-hidden="true">
          {format(value)}
        </span>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        aria-valuetext={format(value)}
        onChange={(event) => onChange(Number(event.target.value))}
      />
    </div>
  );
}

export interface SelectOption<T extends string> {
  value: T;
  label: ReactNode;
}

export interface SelectProps<T extends string> extends FieldProps {
  value: T;
  onChange: (value: T) => void;
  options: readonly SelectOption<T>[];
}

export function Select<T extends string>({ label, value, onChange, options, disabled }: SelectProps<T>) {
  const id = useId();
  return (
    <div className="ui-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface TextFieldProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxLength?: number;
  /** Take the whole row, for text the reader writes whole sentences into. */
  wide?: boolean;
}

export interface TextAreaProps extends TextFieldProps {
  rows?: number;
}

/** One labelled text input; `rows` turns it into a textarea. */
function TextInput({ label, value, onChange, placeholder, maxLength, disabled, rows, wide }: TextAreaProps) {
  const id = useId();
  const common = { id, value, placeholder, maxLength, disabled };
  return (
    <div className={rows || wide ? 'ui-field ui-field-wide' : 'ui-field'}>
      <label htmlFor={id}>{label}</label>
      {rows ? (
        <textarea {...common} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(event) => onChange(event.target.value)} />
      )}
    </div>
  );
}

export function TextField(props: TextFieldProps) {
  return <TextInput {...props} />;
}

export function TextArea({ rows = 4, ...props }: TextAreaProps) {
  return <TextInput {...props} rows={rows} />;
}

export interface ToggleProps extends FieldProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function Toggle({ label, checked, onChange, disabled }: ToggleProps) {
  const id = useId();
  return (
    <div className="ui-toggle">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export interface ProgressBarProps {
  label: string;
  value: number;
  max?: number;
  /** Visible text, e.g. "epoch 3 / 10"; defaults to a percentage. */
  text?: string;
}

export function ProgressBar({ label, value, max = 1, text }: ProgressBarProps) {
  const fraction = max > 0 ? clamp(value / max, 0, 1) : 0;
  const shown = text ?? `${Math.round(fraction * 100)}%`;
  return (
    <div className="ui-progress">
      <span className="ui-progress-label">
        {label}: {shown}
      </span>
      <div
        className="ui-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={shown}
      >
        <div className="ui-progress-fill" style={{ width: `${fraction * 100}%` }} />
      </div>
    </div>
  );
}

/** A read-only figure a widget reports, like "max |Δ| = 3.1e-8". */
export function Stat({ label, value }: { label: ReactNode; value: ReactNode }) {
  return (
    <div className="ui-stat">
      <span className="ui-stat-label">{label}</span>
      <span className="ui-stat-value">{value}</span>
    </div>
  );
}
