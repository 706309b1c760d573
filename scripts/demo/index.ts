/**
 * `npm run demo [-- --config FILE]` regenerates the committed demo snapshot in
 * content/ (see pipeline.ts). Deterministic: a re-run changes nothing.
 */
import { parseArgs } from 'node:util';
import { loadConfig, resolveConfigPath } from '../../src/config/load.ts';
import { formatSummary } from '../../src/sync/summary.ts';
import { ensureDocutils } from '../lib/debian.ts';
import { syncDemo } from './pipeline.ts';

const { values } = parseArgs({ options: { config: { type: 'string' } } });
const loaded = loadConfig(resolveConfigPath(values.config ? ['--config', values.config] : []));
// The demo's specs are reStructuredText: docutils renders them (installed like the browser when missing).
if (loaded.config.sources.some((s) => s.type === 'specs')) await ensureDocutils();
console.error('generating the demo community…');
const reports = await syncDemo(loaded.config, loaded.dataDir, { info: (m) => console.error(m), warn: (m) => console.error(`warning: ${m}`) });
console.log(formatSummary(reports));
if (!reports.every((r) => r.ok)) process.exitCode = 1;
