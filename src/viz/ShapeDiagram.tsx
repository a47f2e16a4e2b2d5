/**
 * An unrolled recurrent network drawn column by column: inputs at the bottom, hidden cells in the
 * middle with arrows through time, outputs on top. Which steps read an input and which emit an
 * output is all a caller passes, so one drawing serves every shape of recurrence. SVG with a
 * viewBox: it scales down to a phone's width instead of scrolling.
 */
import { useId } from 'react';

export interface DiagramStep {
  /** 'repeat' draws a dashed box: the same vector copied to this step (Keras' RepeatVector). */
  input: 'none' | 'real' | 'repeat';
  inputLabel?: string;
  output: boolean;
  outputLabel?: string;
  hiddenLabel?: string;
  /** Encoder and decoder cells get their own colours and a label under their run of steps. */
  role: 'cell' | 'encoder' | 'decoder';
  /** Draw the recurrent arrow from the previous step's cell into this one. */
  continues: boolean;
}

export interface ShapeDiagramProps {
  steps: readonly DiagramStep[];
  /** The highlighted step (the travelling pulse), or null for none. */
  active?: number | null;
  /** Accessible description of the whole drawing. */
  label: string;
  /** Names written at the left of the output, hidden and input rows. */
  rowLabels?: { output: string; hidden: string; input: string };
  /** Text under each run of encoder or decoder steps. */
  roleLabels?: Partial<Record<DiagramStep['role'], string>>;
}

const COL = 76;
const IO_W = 44;
const IO_H = 28;
const CELL_W = 52;
const CELL_H = 40;
const ROW = { output: 38, hidden: 116, input: 194, role: 234 } as const;
const RIGHT = 8;

/** Runs of consecutive steps with the same role: [role, first, last]. */
function roleRuns(steps: readonly DiagramStep[]): [DiagramStep['role'], number, number][] {
  const runs: [DiagramStep['role'], number, number][] = [];
  steps.forEach((step, i) => {
    const last = runs[runs.length - 1];
    if (last && last[0] === step.role) last[2] = i;
    else runs.push([step.role, i, i]);
  });
  return runs;
}

export function ShapeDiagram({ steps, active = null, label, rowLabels, roleLabels }: ShapeDiagramProps) {
  const marker = `arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const left = rowLabels ? 60 : 8;
  const width = left + steps.length * COL + RIGHT;
  const hasRoles = roleLabels !== undefined && steps.some((s) => roleLabels[s.role] !== undefined);
  const height = hasRoles ? ROW.role + 14 : ROW.input + IO_H / 2 + 10;
  const cx = (i: number) => left + COL * (i + 0.5);
  const arrow = `url(#${marker})`;
  const count = (pick: (s: DiagramStep) => boolean) => steps.filter(pick).length;

  return (
    <svg
      className="shape-diagram"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: `${width * 1.15}px` }}
      role="img"
      aria-label={label}
      data-steps={steps.length}
      data-cells={steps.length}
      data-inputs={count((s) => s.input !== 'none')}
      data-outputs={count((s) => s.output)}
      data-active={active ?? ''}
    >
      <defs>
        <marker id={marker} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="shape-diagram-arrowhead" />
        </marker>
      </defs>
      {rowLabels && (
        <g className="shape-diagram-rowlabels" aria-hidden="true">
          <text x={4} y={ROW.output}>{rowLabels.output}</text>
          <text x={4} y={ROW.hidden}>{rowLabels.hidden}</text>
          <text x={4} y={ROW.input}>{rowLabels.input}</text>
        </g>
      )}
      {steps.map((step, i) => {
        const x = cx(i);
        const isActive = i === active;
        return (
          <g key={i} className={`shape-diagram-step role-${step.role}${isActive ? ' is-active' : ''}`} data-step={i}>
            {step.continues && (
              <line className="shape-diagram-link" x1={cx(i - 1) + CELL_W / 2} y1={ROW.hidden} x2={x - CELL_W / 2 - 1} y2={ROW.hidden} markerEnd={arrow} />
            )}
            {step.input !== 'none' && (
              <g data-role="input" className={step.input === 'repeat' ? 'shape-diagram-io is-repeat' : 'shape-diagram-io'}>
                <line className="shape-diagram-link" x1={x} y1={ROW.input - IO_H / 2} x2={x} y2={ROW.hidden + CELL_H / 2 + 1} markerEnd={arrow} />
                <rect x={x - IO_W / 2} y={ROW.input - IO_H / 2} width={IO_W} height={IO_H} rx={4} />
                <text x={x} y={ROW.input}>{step.inputLabel}</text>
              </g>
            )}
            <g data-role="cell" className="shape-diagram-cell">
              <rect x={x - CELL_W / 2} y={ROW.hidden - CELL_H / 2} width={CELL_W} height={CELL_H} rx={8} />
              <text x={x} y={ROW.hidden}>{step.hiddenLabel}</text>
            </g>
            {step.output && (
              <g data-role="output" className="shape-diagram-io is-output">
                <line className="shape-diagram-link" x1={x} y1={ROW.hidden - CELL_H / 2} x2={x} y2={ROW.output + IO_H / 2 + 1} markerEnd={arrow} />
                <rect x={x - IO_W / 2} y={ROW.output - IO_H / 2} width={IO_W} height={IO_H} rx={4} />
                <text x={x} y={ROW.output}>{step.outputLabel}</text>
              </g>
            )}
          </g>
        );
      })}
      {hasRoles &&
        roleRuns(steps).map(([role, first, last]) =>
          roleLabels?.[role] ? (
            <g key={`${role}-${first}`} className={`shape-diagram-role role-${role}`} aria-hidden="true">
              <line x1={cx(first) - IO_W / 2} y1={ROW.role - 12} x2={cx(last) + IO_W / 2} y2={ROW.role - 12} />
              <text x={(cx(first) + cx(last)) / 2} y={ROW.role}>{roleLabels[role]}</text>
            </g>
          ) : null,
        )}
    </svg>
  );
}
