import { loadPortalConfig, resolveConfigPath, type LoadedConfig } from '../config/load.ts';
import { CHANGE_KIND, type Change } from '../model/change.ts';
import type { z } from 'zod';
import type { Item } from '../model/item.ts';
import { kindsFor } from '../kinds/index.ts';
import type { KindRegistry } from '../kinds/registry.ts';
import { Store } from '../store/store.ts';
import { keyedId } from '../lib/identity.ts';
import { personKey } from '../model/person.ts';
import { Catalog } from './catalog.ts';
import type { SourceSummary } from './types.ts';

export * from './types.ts';
export * from './slug.ts';
export * from './pages.ts';
export { Catalog, namesFor, peopleView, placeKey } from './catalog.ts';
// The change kind's list pages, statuses and votes, for the review pages.
export * from '../kinds/change/index.ts';
// Action items followed across a team's meetings, for the action-items chart (src/charts/site.ts).
export { trackActions } from '../kinds/meeting/views.ts';
// Specs and their review links, for the spec charts' milestones (src/charts/site.ts).
export { specsView } from '../kinds/spec/site.ts';

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

/**
 * Reads every registered kind of every configured source into a catalog. Each
 * item's data is checked against its kind's schema as it is read: a stored file
 * that no longer matches stops the build with the file named.
 */
export async function loadSite(configPath: string, kinds?: KindRegistry): Promise<Site> {
  const loaded = await loadPortalConfig(configPath);
  kinds ??= kindsFor(loaded.plugins);
  const store = new Store(loaded.dataDir);
  const catalog = new Catalog(loaded.config, kinds);
  const sources: SourceSummary[] = [];
  const addressOptOuts = loaded.config.privacy.optOut.filter((e) => e.includes('@'));
  for (const src of loaded.config.sources) {
    const s = store.source(src.id);
    const meta = await s.getMeta();
    // People opted out by address are known by their keyed id in sources that hash addresses.
    if (typeof meta.identityKey === 'string') {
      const key = meta.identityKey;
      catalog.optOutKeys(addressOptOuts.map((a) => personKey(src.id, keyedId(key, a))));
    }
    let items = 0;
    let origin = '';
    for (const def of kinds.all()) {
      for await (const item of s.items(def.kind, def.schema)) {
        catalog.add(item);
        origin ||= item.origin;
        items++;
      }
    }
    sources.push({ id: src.id, type: src.type, origin: shownOrigin(origin) || configuredOrigin(src), items, cursor: meta.cursor });
  }
  catalog.finish();
  return { loaded, store, catalog, sources };
}

/** Where a source's links point before anything is synced: its `webUrl`, `url` or `path`. */
function configuredOrigin(src: Record<string, unknown>): string {
  for (const key of ['webUrl', 'url', 'path']) if (typeof src[key] === 'string' && src[key]) return shownOrigin(src[key]);
  return '';
}

/** An origin the site may show: a URL holding an address (HyperKitty's list URLs do) is cut to its server. */
function shownOrigin(origin: string): string {
  if (!/@|%40/i.test(origin)) return origin;
  try {
    return `${new URL(origin).origin}/`;
  } catch {
    return '';
  }
}

/** One stored item for its page, checked against its kind's schema. */
export async function getItem<T>(kind: string, source: string, nativeId: string): Promise<Item<T> | undefined> {
  const site = await getSite();
  const def = site.catalog.kinds.get(kind);
  return site.store.source(source).get<T>(kind, nativeId, def?.schema as z.ZodType<T> | undefined);
}

/** The full stored change for a change page. */
export function getChange(source: string, ref: string): Promise<Item<Change> | undefined> {
  return getItem<Change>(CHANGE_KIND, source, ref);
}
