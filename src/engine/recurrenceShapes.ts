/**
 * The five shapes of recurrence the shapes widget teaches, by name, and how many steps its drawing
 * may have: what the widget's saved choice is checked against. The drawings and example models
 * are widgets/shapes/shapeCatalog.ts.
 */
export const SHAPE_NAMES = ['oneToOne', 'oneToMany', 'manyToOne', 'manyToManySynced', 'manyToManyDelayed'] as const;
export type ShapeName = (typeof SHAPE_NAMES)[number];

export const MIN_LENGTH = 1;
export const MAX_LENGTH = 8;

export const isShapeName = (value: unknown): value is ShapeName => typeof value === 'string' && (SHAPE_NAMES as readonly string[]).includes(value);
