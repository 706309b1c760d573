/**
 * Serves a fixture directory as a Gerrit until killed:
 *   npx tsx scripts/simulator/cli.ts --fixtures DIR [--port N] [--delay MS]
 */
import { resolve } from 'node:path';
import { startGerritSimulator } from './gerrit.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

const fixtures = arg('--fixtures');
if (!fixtures) {
  console.error('usage: tsx scripts/simulator/cli.ts --fixtures DIR [--port N] [--delay MS]\n  DIR holds changes.jsonl (one Gerrit ChangeInfo per line) and optionally projects.json');
  process.exit(2);
}
const port = Number(arg('--port') ?? 0);
const delayMs = Number(arg('--delay') ?? 0);
try {
  const sim = await startGerritSimulator({ fixtureDir: resolve(fixtures), port, delayMs });
  console.log(`Gerrit simulator: ${sim.url} (${sim.changes.all().length} changes in ${sim.changes.projects().length} projects)`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`cannot start the Gerrit simulator: ${(err as Error).message}`);
  process.exit(1);
}
