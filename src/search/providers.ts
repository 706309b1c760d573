import type { ChangeSummary, Site } from '../catalog/index.ts';
import { CHANGE_KIND, type Change } from '../model/change.ts';
import { changeToDoc, type ChangePeople } from './change-doc.ts';
import { personToDoc } from './person-doc.ts';
import { projectToDoc } from './project-doc.ts';
import type { SearchDoc, SearchDocumentProvider } from './types.ts';

/** Code-review changes of every source, read back from the store for their message text. */
export const changeProvider: SearchDocumentProvider = async function* (site: Site) {
  const { catalog } = site;
  // Bot and opt-out status as the catalog settled it over every change, not as one item says.
  const people: ChangePeople = {
    isHidden: (key) => catalog.isHidden(key),
    isBot: (key) => catalog.isBot(key),
    person: (key) => catalog.people.get(key),
    redact: (t) => catalog.redact(t),
  };
  for (const src of site.loaded.config.sources) {
    for await (const item of site.store.source(src.id).items<Change>(CHANGE_KIND)) {
      const summary = catalog.item<ChangeSummary>(CHANGE_KIND, `${item.source}:${item.data.number}`);
      if (!summary) continue;
      yield changeToDoc(item.source, item.data, summary, people);
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
    yield personToDoc(person, { authored, reviewed });
  }
};

/** Every project page. */
export const projectProvider: SearchDocumentProvider = async function* ({ catalog }: Site) {
  for (const place of catalog.places.values()) yield projectToDoc(place);
};

/** Every kind of searchable page; a new source adds its provider here. */
export const SEARCH_PROVIDERS: readonly SearchDocumentProvider[] = [personProvider, projectProvider, changeProvider];

export async function* allSearchDocs(site: Site, providers = SEARCH_PROVIDERS): AsyncGenerator<SearchDoc> {
  for (const provider of providers) yield* provider(site);
}
