import type { TestProject } from 'vitest/node';
import { ensureChromium } from '../../scripts/lib/chromium.ts';
import { buildDemo } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoDist: string;
    chromium: string;
  }
}

/**
 * Before any browser test file runs: finds Chromium (installing Debian's package
 * when it is missing and apt may be used, see scripts/lib/chromium.ts), then
 * builds the demo portal once.
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('chromium', await ensureChromium());
  project.provide('demoDist', await buildDemo());
}
