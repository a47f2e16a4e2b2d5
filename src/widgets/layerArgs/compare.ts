/**
 * Our arithmetic beside tfjs' report, row by row: same layer, same count, same output shapes.
 * Pure, so the ✓/✗ the reader sees is the same judgement the tests make.
 */
import { type LayerRow, type Shape, shapeToString } from '../../engine/paramCount';
import type { TfjsLayerReport } from '../../tf/buildFunctional';

export interface ComparedRow {
  ours: LayerRow;
  theirs?: TfjsLayerReport;
  /** Undefined while tfjs has not answered. */
  agrees?: boolean;
}

export const shapesToString = (shapes: Shape[]) =>
  shapes.length === 1 ? shapeToString(shapes[0]) : `[${shapes.map(shapeToString).join(', ')}]`;

export function compareRows(ours: LayerRow[], theirs: TfjsLayerReport[] | undefined): ComparedRow[] {
  return ours.map((row, i) => {
    const t = theirs?.[i];
    if (!t) return { ours: row };
    const agrees = t.name === row.name && t.params === row.params && shapesToString(t.outputShapes) === shapesToString(row.outputShapes);
    return { ours: row, theirs: t, agrees };
  });
}
