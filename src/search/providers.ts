import type { Site } from '../catalog/index.ts';
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
      const summary = catalog.byKey.get(`${item.source}:${item.data.number}`);
      if (!summary) continue;
      yield changeToDoc(item.source, item.data, summary, people);
    }
  }
};

/** Every person page: humans who did something and did not opt out. */
export const personProvider: SearchDocumentProvider = async function* ({ catalog }: Site) {
  for (const person of catalog.contributors()) {
    if (!person.path || catalog.isHidden(person.key) || catalog.isBot(person.key)) continue;
    yield personToDoc(person, { authored: catalog.authoredBy(person.key), reviewed: catalog.reviewsBy(person.key) });
  }
};

/** Every project page. */
export const projectProvider: SearchDocumentProvider = async function* ({ catalog }: Site) {
  for (const project of catalog.projects.values()) {
    const changes = catalog.changesIn(project.name);
    const first = changes.reduce<string | undefined>((m, c) => (!m || c.created < m ? c.created : m), undefined);
    yield projectToDoc(project, first);
  }
};

/** Every kind of searchable page; a new source adds its provider here. */
export const SEARCH_PROVIDERS: readonly SearchDocumentProvider[] = [personProvider, projectProvider, changeProvider];

export async function* allSearchDocs(site: Site, providers = SEARCH_PROVIDERS): AsyncGenerator<SearchDoc> {
  for (const provider of providers) yield* provider(site);
}
