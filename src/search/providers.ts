import { peopleView, type ChangeSummary, type Site } from '../catalog/index.ts';
import { CHANGE_KIND } from '../model/change.ts';
import { personToDoc } from './person-doc.ts';
import { projectToDoc } from './project-doc.ts';
import type { SearchDoc, SearchDocumentProvider } from './types.ts';

/**
 * Every kind that declares search documents, read back from the store for
 * their full text, with people as the catalog settled them over every kind.
 */
export const kindProvider: SearchDocumentProvider = async function* (site: Site) {
  const { catalog } = site;
  const people = peopleView(catalog);
  for (const def of catalog.presentKinds()) {
    if (!def.search) continue;
    for (const src of site.loaded.config.sources) {
      // Read without the schema: loadSite checked these same files against it moments ago, and at
      // 100k items a second check is seconds of the build for nothing.
      for await (const item of site.store.source(src.id).items(def.kind)) {
        const key = catalog.keyOf(item);
        const summary = key === undefined ? undefined : catalog.item(def.kind, key);
        if (!summary) continue;
        const docs = def.search(item, summary, people);
        yield* Array.isArray(docs) ? docs : [docs];
      }
    }
  }
};

/** Every person page: humans who did something and did not opt out. */
export const personProvider: SearchDocumentProvider = async function* ({ catalog }: Site) {
  for (const person of catalog.contributors()) {
    if (!person.path || catalog.isHidden(person.key) || catalog.isBot(person.key)) continue;
    const events = catalog.eventsOf(person.key);
    const change = (key: string) => catalog.item<ChangeSummary>(CHANGE_KIND, key);
    const authored = events
      .filter((e) => e.kind === CHANGE_KIND && e.act === 'authored')
      .map((e) => change(e.item))
      .filter((c): c is ChangeSummary => c !== undefined)
      .sort((a, b) => b.updated.localeCompare(a.updated) || b.number - a.number);
    const reviewed = events
      .filter((e) => e.kind === CHANGE_KIND && e.act === 'reviewed')
      .flatMap((e) => {
        const c = change(e.item);
        return c ? [{ change: c, date: e.when }] : [];
      })
      .reverse();
    const other = [...events]
      .reverse()
      .filter((e) => e.kind !== CHANGE_KIND)
      .flatMap((e) => {
        const item = catalog.item(e.kind, e.item);
        return item ? [`${catalog.kinds.get(e.kind)?.acts[e.act]?.did ?? e.act}: ${item.title}`] : [];
      });
    // As the page's "Active in": every place of every act, most active first.
    const places = new Map<string, number>();
    for (const e of events) if (e.place !== undefined) places.set(e.place, (places.get(e.place) ?? 0) + 1);
    const activeIn = [...places].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    yield personToDoc(person, { authored, reviewed, other, acts: events.length, places: activeIn });
  }
};

/** Every project page. */
export const projectProvider: SearchDocumentProvider = async function* ({ catalog }: Site) {
  for (const place of catalog.places.values()) yield projectToDoc(place);
};

/** Every searchable page: people, places, and each kind's own documents. */
export const SEARCH_PROVIDERS: readonly SearchDocumentProvider[] = [personProvider, projectProvider, kindProvider];

export async function* allSearchDocs(site: Site, providers = SEARCH_PROVIDERS): AsyncGenerator<SearchDoc> {
  for (const provider of providers) yield* provider(site);
}
