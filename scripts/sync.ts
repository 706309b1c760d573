/**
 * `npm run sync [-- --config FILE] [--source ID]... [--full]`
 * Pulls every configured source (or the named ones) into the store.
 * Exit code 1 when any source failed, 2 on a usage or config error.
 */
import { parseArgs } from 'node:util';
import { loadPortalConfig, resolveConfigPath } from '../src/config/load.ts';
import { driversFor } from '../src/sources/index.ts';
import { Store } from '../src/store/store.ts';
import { createProgress } from '../src/sync/progress.ts';
import { runSync } from '../src/sync/run.ts';
import { ensureDocutils } from './lib/debian.ts';
import { formatSummary } from '../src/sync/summary.ts';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        config: { type: 'string' },
        source: { type: 'string', multiple: true },
        full: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
  } catch (err) {
    console.error(`agora sync: ${(err as Error).message}`);
    return 2;
  }
  if (args.values.help) {
    console.log('usage: npm run sync -- [--config FILE] [--source ID]... [--full]');
    return 0;
  }
  let loaded;
  let drivers;
  try {
    loaded = await loadPortalConfig(resolveConfigPath(args.values.config ? ['--config', args.values.config] : []));
    drivers = driversFor(loaded.plugins);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  // Specs in reStructuredText are rendered with docutils: installed like the test browser when it is missing
  // (Debian's package, as root or with sudo), else the specs sources fail with the command to run.
  if (loaded.config.sources.some((s) => s.type === 'specs' && (!args.values.source?.length || args.values.source.includes(s.id)))) {
    await ensureDocutils().catch((err: Error) => console.error(err.message));
  }
  const progress = createProgress();
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted')));
  const reports = await runSync(loaded.config, {
    store: new Store(loaded.dataDir),
    drivers,
    only: args.values.source,
    full: args.values.full,
    signal: controller.signal,
    log: {
      info: (m) => console.error(m),
      warn: (m) => console.error(`warning: ${m}`),
    },
    onProgress: (source, p) => progress.update(source, p),
  }).catch((err: Error) => {
    progress.end();
    console.error(`agora sync: ${err.message}`);
    return undefined;
  });
  progress.end();
  if (!reports) return 2;
  console.log(formatSummary(reports));
  return reports.every((r) => r.ok) ? 0 : 1;
}

process.exitCode = await main();
