/**
 * Runs once for the browser project: builds the book, serves the build on 127.0.0.1 and hands the
 * address to the test files through provide/inject. Without chromium the tests are skipped, each
 * with the reason, unless REQUIRE_BROWSER=1 (as in CI), where a missing chromium is an error.
 */
import type { TestProject } from 'vitest/node';
import { buildAndServe, chromiumMissing } from './app';

/** Where the shared build is served from, and the folder it was built into (for tests that read the files). */
export type BrowserSetup = { baseUrl: string; outDir: string; skip?: undefined } | { baseUrl?: undefined; outDir?: undefined; skip: string };

declare module 'vitest' {
  export interface ProvidedContext {
    browserSetup: BrowserSetup;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const missing = chromiumMissing();
  if (missing) {
    if (process.env.REQUIRE_BROWSER === '1') {
      throw new Error(`REQUIRE_BROWSER=1 but the browser tests cannot run: ${missing}.`);
    }
    const skip = `${missing}; set REQUIRE_BROWSER=1 to fail instead`;
    // The reporter lists the skipped tests; this says why even when it folds them away.
    console.warn(`\n[browser] SKIPPING every browser test: ${skip}\n`);
    project.provide('browserSetup', { skip });
    return undefined;
  }
  const served = await buildAndServe();
  project.provide('browserSetup', { baseUrl: served.baseUrl, outDir: served.outDir });
  return () => served.close();
}
