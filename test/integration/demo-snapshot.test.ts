import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncDemo } from '../../scripts/demo/pipeline.ts';
import { loadConfig } from '../../src/config/load.ts';
import { REPO_ROOT, tempDir, treeHash } from './helpers.ts';

describe('committed demo snapshot', () => {
  it('is exactly what the generator, the simulator and the real Gerrit client produce', async () => {
    const { config, dataDir } = loadConfig(join(REPO_ROOT, 'agora.config.yaml'));
    const dir = await tempDir('demo-snapshot');
    try {
      const reports = await syncDemo(config, dir, { info: () => {}, warn: () => {} });
      expect(reports.map((r) => [r.ok, r.skipped.length])).toEqual([[true, 0]]);
      expect(reports[0]!.new).toBeGreaterThanOrEqual(2000);
      // If this fails, run `npm run demo` and commit content/.
      expect(treeHash(join(dir, 'demo'))).toBe(treeHash(join(dataDir, 'demo')));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
