/**
 * Every widget a chapter can use, by the JSX name chapters write (`<GateExplorer />`). Each entry
 * is a dynamic import so that each widget, and tfjs behind it, is its own chunk and loads only
 * with a chapter that uses it. Add one entry per line:
 *
 *   GateExplorer: () => import('../widgets/gates/GateExplorer'),
 */
import type { ComponentType } from 'react';

export const widgetRegistry: Record<string, () => Promise<{ default: ComponentType<any> }>> = {
};
