export { WidgetShell, type WidgetShellProps, type ShellLink } from './WidgetShell';
export * from './controls';
export { ErrorBoundary } from './ErrorBoundary';
