import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Writes `dist/search/` after the pages are built: the manifest plus a
 * folder named by the content hash holding term shards, prefix
 * dictionaries, document chunks and facets. `astro dev` has no index; the
 * search page then says so.
 */
export function searchIntegration(): AstroIntegration {
  return {
    name: 'agora-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // Imported here so loading astro.config does not load the store.
        const { getSite } = await import('../catalog/index.ts');
        const { buildSearchIndex } = await import('./build.ts');
        const { allSearchDocs } = await import('./providers.ts');
        const out = join(fileURLToPath(dir), 'search');
        const site = await getSite();
        const { manifest, stats } = await buildSearchIndex(allSearchDocs(site), out);
        logger.info(
          `search index: ${stats.docs} documents, ${stats.terms} terms, ${manifest.shardCount} shards, ${stats.files} files, ` +
            `${(stats.bytes / 1048576).toFixed(1)} MiB in ${(stats.ms / 1000).toFixed(1)}s (build ${manifest.buildId})`,
        );
      },
    },
  };
}
