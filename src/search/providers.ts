import type { ChangeSummary, Site } from '../catalog/index.ts';
import { CHANGE_KIND, type Change } from '../model/change.ts';
import { changeToDoc } from './change-doc.ts';
import type { SearchDoc, SearchDocumentProvider } from './types.ts';

/** Code-review changes of every source, read back from the store for their message text. */
export const changeProvider: SearchDocumentProvider = async function* (site: Site) {
  for (const src of site.loaded.config.sources) {
    for await (const item of site.store.source(src.id).items<Change>(CHANGE_KIND)) {
      const summary = site.catalog.item<ChangeSummary>(CHANGE_KIND, `${item.source}:${item.data.number}`);
      if (!summary) continue;
      // Bot and opt-out status as the catalog settled it over every change, not as this one item says.
      const excluded = (key: string) => site.catalog.isHidden(key) || site.catalog.isBot(key);
      yield changeToDoc(item.source, item.data, summary, excluded, (t) => site.catalog.redact(t));
    }
  }
};

/** Every kind of searchable page; a new source adds its provider here. */
export const SEARCH_PROVIDERS: readonly SearchDocumentProvider[] = [changeProvider];

export async function* allSearchDocs(site: Site, providers = SEARCH_PROVIDERS): AsyncGenerator<SearchDoc> {
  for (const provider of providers) yield* provider(site);
}
