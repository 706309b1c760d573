import { loadConfig, resolveConfigPath, type LoadedConfig } from '../config/load.ts';
import { CHANGE_KIND, type Change } from '../model/change.ts';
import type { Item } from '../model/item.ts';
import { Store } from '../store/store.ts';
import { Catalog } from './catalog.ts';
import type { SourceSummary } from './types.ts';

export * from './types.ts';
export * from './slug.ts';
export { Catalog, namesFor } from './catalog.ts';
export * from './lists.ts';

export interface Site {
  loaded: LoadedConfig;
  store: Store;
  catalog: Catalog;
  sources: SourceSummary[];
}

// Kept on globalThis: Astro evaluates this module once for the pages and again
// for the search integration, and reading 100k items twice would double the build.
const CACHE = Symbol.for('agora.site');
type Cache = { [CACHE]?: Map<string, Promise<Site>> };

/** The config and catalog for this build; loaded once per process (AGORA_CONFIG or ./agora.config.yaml). */
export function getSite(): Promise<Site> {
  const path = resolveConfigPath([], process.env);
  const g = globalThis as Cache;
  g[CACHE] ??= new Map();
  let site = g[CACHE].get(path);
  if (!site) g[CACHE].set(path, (site = loadSite(path)));
  return site;
}

export async function loadSite(configPath: string): Promise<Site> {
  const loaded = loadConfig(configPath);
  const store = new Store(loaded.dataDir);
  const catalog = new Catalog(loaded.config);
  const sources: SourceSummary[] = [];
  for (const src of loaded.config.sources) {
    const s = store.source(src.id);
    const meta = await s.getMeta();
    let items = 0;
    let origin = '';
    for await (const item of s.items<Change>(CHANGE_KIND)) {
      catalog.add(item);
      origin = item.origin;
      items++;
    }
    sources.push({ id: src.id, type: src.type, origin: origin || ('webUrl' in src && src.webUrl ? src.webUrl : src.url), items, cursor: meta.cursor });
  }
  catalog.finish();
  return { loaded, store, catalog, sources };
}

/** The full stored change for a change page. */
export async function getChange(source: string, number: number): Promise<Item<Change> | undefined> {
  const site = await getSite();
  return site.store.source(source).get<Change>(CHANGE_KIND, String(number));
}
