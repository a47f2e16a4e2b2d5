/**
 * A book-size model of the recipe map (src/engine/recipeModels.ts, by export name) built in
 * tfjs, its summary() beside our arithmetic. Only the summary is needed, so the generic model
 * worker builds it and nothing is trained.
 *
 *   <RecipeModelSummary model="tweetRnn" />
 */
import { useEffect, useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import * as recipes from '../../engine/recipeModels';
import type { ModelSpec } from '../../engine/spec';
import { exampleInput } from '../../engine/notebook/exampleInput';
import { unsupportedInTfjs } from '../../tf/buildModel';
import { createModelWorker } from '../../tf/modelWorkerClient';
import { ModelExport, type PythonExport } from '../shared/ModelExport';
import { ModelSummaryTable } from '../shared/ModelSummaryTable';
import { Stat, WidgetShell } from '../shell';
import { type ReaderError, describeError } from '../../engine/errors';

type Built = { summary: string[]; layerParams: { name: string; params: number }[]; backend: string };

/** Builds the model again in a worker of its own, only for as long as it takes to read it out. */
async function recipeExport(spec: ModelSpec, description: string): Promise<PythonExport> {
  const worker = createModelWorker();
  try {
    const { backend } = await worker.call('build', { spec });
    const { weights, example } = await worker.call('forPython', { input: exampleInput(spec) });
    return { spec, weights, backend, trained: null, example: { ...example, description } };
  } finally {
    worker.dispose();
  }
}

const specs = Object.fromEntries(Object.entries(recipes).filter(([, v]) => typeof v === 'object' && v !== null && 'layers' in v)) as Record<string, ModelSpec>;

export default function RecipeModelSummary({ model, title }: { model: string; title?: string }) {
  const t = useT();
  const te = useErrorText();
  const spec = specs[model];
  const [built, setBuilt] = useState<Built | null>(null);
  const [error, setError] = useState<ReaderError | null>(null);

  useEffect(() => {
    if (!spec) return;
    const worker = createModelWorker();
    let live = true;
    worker
      .call('build', { spec })
      .then((b) => live && setBuilt({ summary: b.summary, layerParams: b.layerParams, backend: b.backend }))
      .catch((e: unknown) => live && setError(describeError(e)))
      .finally(() => worker.dispose());
    return () => {
      live = false;
      worker.dispose();
    };
  }, [spec]);

  const heading = title ?? t('sentiment.recipe.title', { model });
  // A fixed model: nothing here is the reader's to change, so the link only scrolls to it.
  const link = { param: `recipe-${model}` };
  if (!spec) {
    return (
      <WidgetShell link={link} title={heading} widget="RecipeModelSummary">
        <p role="alert">{t('sentiment.recipe.unknown', { model })}</p>
      </WidgetShell>
    );
  }
  return (
    <WidgetShell link={link} title={heading} widget="RecipeModelSummary" ready={built !== null || error !== null}>
      <ModelSummaryTable spec={spec} layerParams={built?.layerParams} summary={built?.summary} summaryOpen />
      {error && (
        <p role="alert" className="widget-problem">
          {te(error)}
        </p>
      )}
      {built && <Stat label={t('sentiment.backend')} value={built.backend} />}
      <ModelExport
        spec={spec}
        summary={t('notebook.recipe.summary', { model })}
        name={`unrolled-${model}`}
        prepare={spec.layers.some((l) => unsupportedInTfjs(l).length > 0) ? null : () => recipeExport(spec, t('notebook.example.random'))}
      />
    </WidgetShell>
  );
}
