/**
 * `npm run build [-- --config FILE] [--out DIR]`
 * Validates the config, builds the static site with Astro from the synced
 * store, then checks the output holds no e-mail address.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'astro';
import { loadPortalConfig, resolveConfigPath } from '../src/config/load.ts';
import { misleadsAstro, outDirProblem, replaceContents } from './lib/out-dir.ts';
import { scanForEmails } from './lib/privacy-scan.ts';

const root = resolve(import.meta.dirname, '..');
// Builds run offline and in CI: no usage reporting.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { config: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean', default: false } } });
  let configPath: string;
  let loaded;
  try {
    configPath = resolveConfigPath(values.config ? ['--config', values.config] : []);
    loaded = await loadPortalConfig(configPath);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const outDir = resolve(values.out ?? resolve(root, 'dist'));
  const problem = outDirProblem(outDir, root);
  if (problem) {
    console.error(problem);
    return 2;
  }
  process.env.AGORA_CONFIG = configPath;
  process.env.AGORA_SITE_URL = loaded.config.site.url;
  process.env.AGORA_BASE = loaded.config.site.base;
  // Astro places its build chunks by the working directory: build from the project, whatever the caller's.
  process.chdir(root);
  // A sibling folder whose path merely starts with the project's (`/srv/agora-dist`) is built inside the project, then moved.
  const staging = misleadsAstro(outDir, root) ? join(root, '.cache', `build-out-${process.pid}`) : undefined;
  const started = Date.now();
  try {
    await build({ root, outDir: staging ?? outDir, site: loaded.config.site.url, base: loaded.config.site.base, logLevel: values.quiet ? 'warn' : 'info' });
    if (staging) await replaceContents(staging, outDir);
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
  }
  const findings = await scanForEmails(outDir);
  if (findings.length) {
    console.error(`privacy check failed: ${findings.length} e-mail address(es) in ${outDir}, e.g. in ${findings[0]!.file}`);
    return 1;
  }
  console.log(`built ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)}s; privacy check passed`);
  return 0;
}

process.exitCode = await main();
