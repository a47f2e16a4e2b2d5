import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../book/i18n';
import type { WidgetLink } from '../../state/urlState';
import { Button } from './controls';
import { ErrorBoundary } from './ErrorBoundary';
import { LinkControl } from './LinkControl';
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
  /**
   * The widget's state as a link: a "Copy link" control, and the note when its link was bad.
   * Every widget has one. A widget with no state of its own passes only `{ param }`: its link
   * is just the anchor (#param), which scrolls to it.
   */
  link?: ShellLink;
  children: ReactNode;
}

export interface ShellLink extends Omit<WidgetLink, 'encode' | 'note'> {
  /** The current state, encoded; without it the link carries only the anchor. */
  encode?: WidgetLink['encode'];
  note?: WidgetLink['note'];
  /** The widget trains weights, which no link carries: the control says so and points to export. */
  weights?: boolean;
  /** The widget reads the reader's own files, which never go into a link: the control says so. */
  files?: boolean;
}

/**
 * The frame every widget in the book sits in: a title bar, an optional Reset, and an error
 * boundary, so a bug in one widget shows its message in place instead of blanking the chapter.
 */
export function WidgetShell({ title, id: givenId, widget, onReset, description, ready = true, link, children }: WidgetShellProps) {
  const t = useT();
  const titleId = useId();
  const [mounted, setMounted] = useState(false);
  const figure = useRef<HTMLElement>(null);
  const id = givenId ?? link?.param;
  // The browser scrolls to #id only if the element exists when the page loads; widgets mount later.
  useEffect(() => {
    if (id && window.location.hash === `#${id}`) figure.current?.scrollIntoView({ block: 'start' });
  }, [id]);
  return (
    <figure
      ref={figure}
      className="widget"
      id={id}
      aria-labelledby={titleId}
      data-widget={widget ?? id ?? title}
      data-widget-ready={mounted && ready}
    >
      <figcaption className="widget-bar">
        {/* A heading, so a widget is a stop in a screen reader's heading list and the widget's own
            h4 sub-headings follow an h3 (chapters place widgets under h2 or h3 sections). The id
            sits on the span: the language switch treats article headings with ids as sections. */}
        <h3 className="widget-title">
          <span id={titleId}>{title}</span>
        </h3>
        {onReset && <Button onClick={onReset}>{t('widget.reset')}</Button>}
      </figcaption>
      {description && <div className="widget-description">{description}</div>}
      <div className="widget-body">
        {link?.note && (
          <p className="widget-link-note" role="status">
            {t('widget.link.note', { detail: link.note.detail })}
          </p>
        )}
        <ErrorBoundary label={title} fallback={(error, retry) => <WidgetError error={error} onRetry={retry} />}>
          {children}
          <MountSignal onChange={setMounted} />
        </ErrorBoundary>
      </div>
      {link && <LinkControl param={link.param} encode={link.encode} weights={link.weights} files={link.files} />}
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
