import { Suspense, type ComponentType, type ReactNode } from 'react';
import { ErrorBoundary } from '../widgets/shell/ErrorBoundary';
import { WidgetError } from '../widgets/shell/WidgetError';
import { useHydrated } from './hydration';
import { useT } from './i18n';
import { type Loadable, loadable } from './loadable';
import { widgetRegistry } from './widgetRegistry';

/**
 * What stands in for a widget in the prerendered HTML, until the page has hydrated, and while its
 * code downloads: one short line, the same each time, so the swap does not flash. With JavaScript
 * off (no "js" class on <html>, see index.html) it says the widget needs JavaScript instead.
 */
function WidgetPlaceholder({ name }: { name: string }) {
  const t = useT();
  return (
    <div className="widget-loading" role="status" data-widget-placeholder={name}>
      <span className="widget-loading-text">{t('widget.loading')}</span>
      <span className="widget-needs-script">{t('widget.needsScript')}</span>
    </div>
  );
}

/** Inside the boundary, so that a retry asks for the component again (and so imports again). */
function Loaded({ widget, props }: { widget: Loadable<any>; props: Record<string, unknown> }) {
  const Widget = widget.component();
  return <Widget {...props} />;
}

/**
 * Wraps a registry entry so MDX can use it like any component. The boundary here catches what the
 * widget's own shell cannot: its chunk failing to download, or a crash before the shell mounts;
 * its retry downloads the chunk again (see loadable.ts).
 *
 * Two kinds of entry: a leaf widget (no children) is a placeholder in the prerendered HTML and
 * mounts after hydration; a lab (its children are the chapter's prose and the widgets sharing its
 * store) renders on the server too, because its children are part of what readers without
 * JavaScript see. Labs render no markup of their own, only providers.
 */
function lazyWidget(name: string, widget: Loadable<any>): ComponentType<any> {
  function LazyWidget(props: { children?: ReactNode }) {
    const hydrated = useHydrated();
    const isLab = props.children !== undefined;
    if (!isLab && !hydrated) return <WidgetPlaceholder name={name} />;
    return (
      <ErrorBoundary label={name} fallback={(error, retry) => <WidgetError error={error} onRetry={retry} />}>
        <Suspense fallback={<WidgetPlaceholder name={name} />}>
          <Loaded widget={widget} props={props} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  LazyWidget.displayName = `Lazy(${name})`;
  return LazyWidget;
}

const loadables: Record<string, Loadable<any>> = Object.fromEntries(Object.entries(widgetRegistry).map(([name, load]) => [name, loadable(load)]));

export const lazyWidgets: Record<string, ComponentType<any>> = Object.fromEntries(
  Object.entries(loadables).map(([name, widget]) => [name, lazyWidget(name, widget)]),
);

/** Loads these widgets' code now (before hydrating a page whose labs are prerendered). */
export function preloadWidgets(names: readonly string[]): Promise<void> {
  return Promise.all(names.map((name) => loadables[name]?.preload())).then(() => undefined);
}
