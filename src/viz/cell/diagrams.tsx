/**
 * The three cells by name. Each is CellDiagram with its layout; they differ only in geometry,
 * so a fix to the drawing reaches all three.
 */
import { useMemo } from 'react';
import { type CellDiagramProps, CellDiagram } from './CellDiagram';
import { type DiagramKind, cellLayout } from './layout';

export type SizedDiagramProps = Omit<CellDiagramProps, 'layout'> & { units: number; inputDim: number };

function useLayout(kind: DiagramKind, units: number, inputDim: number, resetAfter = false) {
  return useMemo(() => cellLayout({ kind, units, inputDim, resetAfter }), [kind, units, inputDim, resetAfter]);
}

export function SimpleRnnDiagram({ units, inputDim, ...rest }: SizedDiagramProps) {
  return <CellDiagram layout={useLayout('simpleRNN', units, inputDim)} {...rest} />;
}

export function LstmDiagram({ units, inputDim, ...rest }: SizedDiagramProps) {
  return <CellDiagram layout={useLayout('lstm', units, inputDim)} {...rest} />;
}

export function GruDiagram({ units, inputDim, resetAfter = false, ...rest }: SizedDiagramProps & { resetAfter?: boolean }) {
  return <CellDiagram layout={useLayout('gru', units, inputDim, resetAfter)} {...rest} />;
}

/** The diagram for a kind chosen at run time. */
export function AnyCellDiagram({ kind, resetAfter, ...rest }: SizedDiagramProps & { kind: DiagramKind; resetAfter?: boolean }) {
  if (kind === 'lstm') return <LstmDiagram {...rest} />;
  if (kind === 'gru') return <GruDiagram resetAfter={resetAfter} {...rest} />;
  return <SimpleRnnDiagram {...rest} />;
}
