/**
 * Global setup of the unit project: every test's temporary folder goes into one
 * folder for this run (TMPDIR, which os.tmpdir() reads, is inherited by the test
 * workers), and the run fails when a test left an `agora-*` folder behind.
 * The run's folder is removed either way, so nothing is left in the system's
 * temporary directory even then.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Prefixes of folders made by tests owned elsewhere that do not clean up yet:
 * reported, not failed on. Remove an entry once its test cleans up.
 */
const KNOWN_LEAKS: Record<string, string> = {};

export function leftovers(dir: string): { failing: string[]; known: string[] } {
  const names = readdirSync(dir).filter((n) => n.startsWith('agora-')).sort();
  const isKnown = (n: string) => Object.keys(KNOWN_LEAKS).some((p) => n.startsWith(p));
  return { failing: names.filter((n) => !isKnown(n)), known: names.filter(isKnown) };
}

export default function setup(): () => void {
  const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  const run = mkdtempSync(join(tmpdir(), 'agora-test-run-'));
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = run;
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    let found: ReturnType<typeof leftovers>;
    try {
      found = leftovers(run);
    } finally {
      rmSync(run, { recursive: true, force: true });
    }
    if (found.known.length) {
      const owners = [...new Set(found.known.map((n) => Object.entries(KNOWN_LEAKS).find(([p]) => n.startsWith(p))![1]))];
      console.warn(`tests left ${found.known.length} temporary folder(s) (${found.known.join(', ')}; from ${owners.join(', ')}); removed`);
    }
    if (found.failing.length) throw new Error(`tests left temporary folders behind (removed now): ${found.failing.join(', ')}. Remove them in afterEach/afterAll or a finally block.`);
  };
}
