export { WidgetShell, type WidgetShellProps } from './WidgetShell';
export * from './controls';
export { ErrorBoundary } from './ErrorBoundary';
