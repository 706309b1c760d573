import { ensureDocutils } from '../scripts/lib/debian.ts';

/**
 * Before the unit project runs: the system packages its tests need, installed
 * the way the browser is for the browser tests (Debian's package when it is
 * missing and apt may be used, else a clear message): docutils, which renders
 * reStructuredText specs (the specs source's tests, its conformance test and
 * the demo snapshot's sync use it).
 */
export default async function setup(): Promise<void> {
  await ensureDocutils();
}
