/**
 * One gate's value as a picture. A gate (0…1) is a door: the filled part is how far it is open,
 * so a forget gate at 0.98 reads as "almost everything passes". A candidate (−1…1) is a bar from
 * the middle line, up for positive and down for negative. The fill moves by a CSS transform, so a
 * change animates without React re-rendering frames, and stops animating under reduced motion.
 */
export interface GateGlyphProps {
  value: number;
  role: 'gate' | 'candidate';
  /** Top-left corner in the parent SVG. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** CSS colour of the fill. */
  color: string;
  animate?: boolean;
}

export function GateGlyph({ value, role, x, y, width, height, color, animate = true }: GateGlyphProps) {
  const v = Number.isFinite(value) ? value : 0;
  const transition = animate ? 'transform 240ms ease-out' : 'none';
  if (role === 'gate') {
    const open = Math.min(1, Math.max(0, v));
    return (
      <g transform={`translate(${x},${y})`} className="gate-glyph">
        <rect width={width} height={height} rx={3} className="gate-glyph-frame" />
        <rect
          width={width}
          height={height}
          rx={3}
          fill={color}
          style={{ transform: `scaleY(${open})`, transformOrigin: `0 ${height}px`, transition }}
        />
      </g>
    );
  }
  const half = height / 2;
  const size = Math.min(1, Math.abs(v));
  return (
    <g transform={`translate(${x},${y})`} className="gate-glyph">
      <rect width={width} height={height} rx={3} className="gate-glyph-frame" />
      <rect
        y={v >= 0 ? 0 : half}
        width={width}
        height={half}
        fill={v >= 0 ? 'var(--pos)' : 'var(--neg)'}
        style={{ transform: `scaleY(${size})`, transformOrigin: `0 ${half}px`, transition }}
      />
      <line x1={0} x2={width} y1={half} y2={half} className="gate-glyph-axis" />
    </g>
  );
}
