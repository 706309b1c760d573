import type { TestProject } from 'vitest/node';
import { buildDemo } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoDist: string;
  }
}

/** Builds the demo portal once, before any browser test file runs. */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('demoDist', await buildDemo());
}
