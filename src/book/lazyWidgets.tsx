import { lazy, Suspense, type ComponentType } from 'react';
import { ErrorBoundary } from '../widgets/shell/ErrorBoundary';
import { WidgetError } from '../widgets/shell/WidgetError';
import { useT } from './i18n';
import { widgetRegistry } from './widgetRegistry';

function WidgetLoading() {
  const t = useT();
  return (
    <div className="widget-loading" role="status">
      {t('widget.loading')}
    </div>
  );
}

/**
 * Wraps a registry entry so MDX can use it like any component. The boundary here catches what the
 * widget's own shell cannot: its chunk failing to download, or a crash before the shell mounts.
 */
function lazyWidget(load: () => Promise<{ default: ComponentType<any> }>): ComponentType<any> {
  const Widget = lazy(load);
  return function LazyWidget(props: Record<string, unknown>) {
    return (
      <ErrorBoundary fallback={(error, retry) => <WidgetError error={error} onRetry={retry} />}>
        <Suspense fallback={<WidgetLoading />}>
          <Widget {...props} />
        </Suspense>
      </ErrorBoundary>
    );
  };
}

export const lazyWidgets: Record<string, ComponentType<any>> = Object.fromEntries(
  Object.entries(widgetRegistry).map(([name, load]) => [name, lazyWidget(load)]),
);
