import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgoraConfig, GerritSourceConfig } from '../../src/config/schema.ts';
import { drivers } from '../../src/sources/index.ts';
import type { Logger } from '../../src/sources/types.ts';
import { Store } from '../../src/store/store.ts';
import { runSync, type SourceReport } from '../../src/sync/run.ts';
import { startGerritSimulator } from '../simulator/gerrit.ts';
import { generateDemo, writeDemoFixtures } from './generate.ts';

/**
 * The demo snapshot's whole path: generate the fictional community in
 * Gerrit's REST formats, serve it with the local simulator, and sync it
 * through the real client into `dataDir`, as a portal syncs a real server.
 * Links keep the config's public URL (`webUrl`), not the simulator's port.
 */
export async function syncDemo(config: AgoraConfig, dataDir: string, log: Logger): Promise<SourceReport[]> {
  const source = config.sources.find((s): s is GerritSourceConfig => s.type === 'gerrit');
  if (!source) throw new Error('the demo needs a gerrit source in the config');
  const fixtures = await mkdtemp(join(tmpdir(), 'agora-demo-'));
  try {
    await writeDemoFixtures(fixtures, generateDemo());
    const sim = await startGerritSimulator({ fixtureDir: fixtures });
    try {
      log.info(`simulator on ${sim.url}; syncing into ${dataDir}`);
      const demoConfig = { ...config, sources: [{ ...source, url: sim.url, webUrl: source.webUrl ?? source.url }] };
      return await runSync(demoConfig, { store: new Store(dataDir), drivers, full: true, log });
    } finally {
      await sim.close();
    }
  } finally {
    await rm(fixtures, { recursive: true, force: true });
  }
}
