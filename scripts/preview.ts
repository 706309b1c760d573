/**
 * `npm run preview [-- --config FILE] [--port N] [--out DIR]`
 * Serves the built site on 127.0.0.1 under the config's base path.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPortalConfig, resolveConfigPath } from '../src/config/load.ts';
import { serveStatic } from './lib/static-server.ts';

const { values } = parseArgs({ options: { config: { type: 'string' }, port: { type: 'string', default: '4321' }, out: { type: 'string', default: 'dist' } } });
const { config } = await loadPortalConfig(resolveConfigPath(values.config ? ['--config', values.config] : []));
const dir = resolve(values.out);
if (!existsSync(resolve(dir, 'index.html'))) {
  console.error(`${dir} has no built site: run npm run build first`);
  process.exit(2);
}
const server = await serveStatic(dir, config.site.base, Number(values.port));
console.log(`serving ${dir} at ${server.url} (Ctrl-C to stop)`);
