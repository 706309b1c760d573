/**
 * Routes and prepared data for kinds that describe their pages (`page` in the
 * kind declaration) instead of having their own: one page per item at its
 * `summary.path`, and its list at `nav.path` (`notes/`, `notes/page/2/`).
 * src/pages/[...page].astro renders what these return.
 */
import { parseItemId } from '../model/item.ts';
import type { ItemPage, ItemSummary, KindDefinition } from '../kinds/types.ts';
import { peopleView, type Catalog } from './catalog.ts';
import type { Place } from './types.ts';
import type { Store } from '../store/store.ts';

/** Items per list page. */
export const KIND_LIST_PAGE = 100;

export type KindRoute =
  | { page: string; props: { view: 'item'; kind: string; key: string } }
  | { page: string; props: { view: 'list'; kind: string; number: number; pages: number } };

/** Paths the site's own pages use: a kind's pages may not start with these. */
const RESERVED = ['changes', 'reviews', 'projects', 'people', 'charts', 'embed', 'search', 'lists', 'threads', 'messages', '_astro'];

const trim = (path: string) => path.replace(/^\/+|\/+$/g, '');

/** Site-relative path of a kind's list page `n` (1 = the first). */
export function kindListPath(def: Pick<KindDefinition, 'nav'>, n: number): string {
  const base = def.nav!.path;
  return n <= 1 ? base : `${base}page/${n}/`;
}

/** Every page of every kind that describes its pages; throws when a path would meet another page. */
export function kindRoutes(catalog: Catalog, perPage = KIND_LIST_PAGE): KindRoute[] {
  const routes: KindRoute[] = [];
  for (const def of catalog.presentKinds()) {
    if (!def.page) continue;
    const base = trim(def.nav!.path);
    if (!base || RESERVED.includes(base.split('/')[0]!)) throw new Error(`kind ${def.kind}: its list path "${def.nav!.path}" would meet the site's own pages (${RESERVED.join(', ')})`);
    const items = catalog.items(def.kind);
    const pages = Math.max(1, Math.ceil(items.length / perPage));
    for (let n = 1; n <= pages; n++) routes.push({ page: trim(kindListPath(def, n)), props: { view: 'list', kind: def.kind, number: n, pages } });
    for (const s of items) {
      const page = trim(s.path);
      if (!page.startsWith(`${base}/`) || page.startsWith(`${base}/page/`)) throw new Error(`kind ${def.kind}: item ${s.key} has path "${s.path}", which must be under "${def.nav!.path}" (and not under its page/ lists)`);
      routes.push({ page, props: { view: 'item', kind: def.kind, key: s.key } });
    }
  }
  return routes;
}

export interface PreparedItemPage {
  def: KindDefinition<unknown, ItemSummary>;
  summary: ItemSummary;
  place?: Place;
  model: ItemPage;
}

/** An item's page as its kind describes it, from the full stored item (checked against the kind's schema). */
export async function itemPage(catalog: Catalog, store: Store, kind: string, key: string): Promise<PreparedItemPage> {
  const def = catalog.kinds.get(kind);
  const summary = catalog.item(kind, key);
  const id = catalog.itemIdOf(kind, key);
  if (!def?.page || !summary || !id) throw new Error(`no ${kind} ${key} with a page in the catalog`);
  const { source, nativeId } = parseItemId(id);
  const item = await store.source(source).get(kind, nativeId, def.schema);
  if (!item) throw new Error(`${kind} ${key} is in the catalog but not in the store`);
  return { def, summary, place: catalog.placeOf(summary), model: def.page(item, summary, peopleView(catalog)) };
}
