import { useEffect, useId, useState, type ReactNode } from 'react';
import { useT } from '../../book/i18n';
import { Button } from './controls';
import { ErrorBoundary } from './ErrorBoundary';
import { WidgetError } from './WidgetError';

export interface WidgetShellProps {
  title: string;
  /** Anchor id, so prose can link to the widget. */
  id?: string;
  /**
   * The widget's stable name (usually its registry name, e.g. "ToyTraining"), written to
   * `data-widget` for the browser tests; defaults to `id`, then `title`.
   */
  widget?: string;
  /** Shows a Reset button in the title bar. The widget decides what resetting means. */
  onReset?: () => void;
  description?: ReactNode;
  /**
   * False while the widget is still preparing something asynchronous (a model, a dataset).
   * `data-widget-ready` turns "true" once the content has mounted and this is true.
   */
  ready?: boolean;
  children: ReactNode;
}

/**
 * The frame every widget in the book sits in: a title bar, an optional Reset, and an error
 * boundary, so a bug in one widget shows its message in place instead of blanking the chapter.
 */
export function WidgetShell({ title, id, widget, onReset, description, ready = true, children }: WidgetShellProps) {
  const t = useT();
  const titleId = useId();
  const [mounted, setMounted] = useState(false);
  return (
    <figure
      className="widget"
      id={id}
      aria-labelledby={titleId}
      data-widget={widget ?? id ?? title}
      data-widget-ready={mounted && ready}
    >
      <figcaption className="widget-bar">
        <span className="widget-title" id={titleId}>
          {title}
        </span>
        {onReset && <Button onClick={onReset}>{t('widget.reset')}</Button>}
      </figcaption>
      {description && <div className="widget-description">{description}</div>}
      <div className="widget-body">
        <ErrorBoundary label={title} fallback={(error, retry) => <WidgetError error={error} onRetry={retry} />}>
          {children}
          <MountSignal onChange={setMounted} />
        </ErrorBoundary>
      </div>
    </figure>
  );
}

/**
 * Sits after the children inside the boundary: it mounts only once they have, and unmounts when
 * the boundary replaces them with an error, so "mounted" is exactly "content is on screen".
 */
function MountSignal({ onChange }: { onChange: (mounted: boolean) => void }) {
  useEffect(() => {
    onChange(true);
    return () => onChange(false);
  }, [onChange]);
  return null;
}
