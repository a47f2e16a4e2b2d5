import { Component, type ErrorInfo, type ReactNode } from 'react';
import { toError } from '../../engine/errors';

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** What to show instead of the children; `retry` remounts them from scratch. */
  fallback: (error: Error, retry: () => void) => ReactNode;
  /** Names the failing part in the console warning, e.g. the widget's title. */
  label?: string;
}

interface ErrorBoundaryState {
  error: Error | null;
  /** Bumped by retry so the children remount with fresh state instead of re-rendering broken state. */
  attempt: number;
}

/** Keeps a crash in one part of a page from blanking the whole page. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  state: ErrorBoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(thrown: unknown): Partial<ErrorBoundaryState> {
    return { error: toError(thrown) };
  }

  componentDidCatch(thrown: unknown, info: ErrorInfo): void {
    // React already reports the error itself; this adds which part of the book it came from.
    console.warn(`[${this.props.label ?? 'boundary'}] ${toError(thrown).message}`, info.componentStack);
  }

  retry = (): void => {
    this.setState(({ attempt }) => ({ error: null, attempt: attempt + 1 }));
  };

  render(): ReactNode {
    const { error, attempt } = this.state;
    if (error) return this.props.fallback(error, this.retry);
    return <ChildrenAt key={attempt}>{this.props.children}</ChildrenAt>;
  }
}

/** A keyed wrapper: changing the key is how a retry throws away the children's state. */
function ChildrenAt({ children }: { children: ReactNode }) {
  return children;
}
