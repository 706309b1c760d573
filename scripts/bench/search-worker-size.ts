import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/**
 * Gzip bytes of the search worker as a browser gets it: bundled and minified
 * with esbuild (what Vite uses underneath), lunr included.
 */
export async function workerBundleGzip(): Promise<number> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../../src/search/worker.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no worker bundle');
  return gzipSync(file.contents, { level: 6 }).length;
}
