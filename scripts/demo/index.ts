/**
 * `npm run demo` regenerates the committed demo snapshot in content/:
 * generate the fictional community in Gerrit's REST formats, serve it with the
 * local Gerrit simulator, and sync it through the real Gerrit client, exactly
 * as a portal would sync a real server. Deterministic: a re-run changes nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, resolveConfigPath } from '../../src/config/load.ts';
import { drivers } from '../../src/sources/index.ts';
import { Store } from '../../src/store/store.ts';
import { runSync } from '../../src/sync/run.ts';
import { formatSummary } from '../../src/sync/summary.ts';
import { startGerritSimulator } from '../simulator/gerrit.ts';
import { generateDemo, writeDemoFixtures } from './generate.ts';

const { values } = parseArgs({ options: { config: { type: 'string' } } });
const loaded = loadConfig(resolveConfigPath(values.config ? ['--config', values.config] : []));
const demoSource = loaded.config.sources.find((s) => s.type === 'gerrit');
if (!demoSource) throw new Error(`${loaded.path}: the demo needs a gerrit source`);

const fixtures = await mkdtemp(join(tmpdir(), 'agora-demo-'));
try {
  console.error('generating the demo community…');
  await writeDemoFixtures(fixtures, generateDemo());
  const sim = await startGerritSimulator({ fixtureDir: fixtures });
  try {
    console.error(`simulator on ${sim.url}; syncing into ${loaded.dataDir}`);
    const config = {
      ...loaded.config,
      sources: [{ ...demoSource, url: sim.url, webUrl: demoSource.webUrl ?? demoSource.url }],
    };
    const reports = await runSync(config, {
      store: new Store(loaded.dataDir),
      drivers,
      full: true,
      log: { info: (m) => console.error(m), warn: (m) => console.error(`warning: ${m}`) },
    });
    console.log(formatSummary(reports));
    if (!reports.every((r) => r.ok)) process.exitCode = 1;
  } finally {
    await sim.close();
  }
} finally {
  await rm(fixtures, { recursive: true, force: true });
}
