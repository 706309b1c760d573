import type { Catalog } from '../catalog/catalog.ts';
import type { KindDefinition } from '../kinds/types.ts';

/**
 * What readers call each kind of search document: the one vocabulary of the
 * search page's Kind filter and of its result labels. Item kinds take their
 * words from the kind registry (`label`); person and project pages are no
 * item kind and have theirs here. The page renders the words into the Kind
 * options and the page script reads them back from there, so the client
 * bundle never loads the registry (and its schemas).
 */
export interface SearchKind {
  /** The document kind as indexed: `change`, `person`, `project`. */
  kind: string;
  /** One result: `Review`. */
  one: string;
  /** The filter option: `Reviews`. */
  many: string;
  /** What a result's date is, before it: `updated`, `last seen`; empty when unknown. */
  date: string;
}

/** Pages about people and places: search documents that are not items of a kind. */
export const PAGE_KINDS = {
  person: { kind: 'person', one: 'Person', many: 'People', date: 'last seen' },
  project: { kind: 'project', one: 'Project', many: 'Projects', date: 'last activity' },
} as const satisfies Record<string, SearchKind>;

/** An item kind's words, from its registry label (a document's date is its item's last update, unless the kind says otherwise). */
export function itemSearchKind(def: Pick<KindDefinition, 'kind' | 'label' | 'searchDate'>): SearchKind {
  return { kind: def.kind, one: capital(def.label.one), many: capital(def.label.many), date: def.searchDate ?? 'updated' };
}

/** Item kinds with items that give search documents (a job-listing month, say, gives none). */
function searchedKinds(catalog: Pick<Catalog, 'presentKinds'>): ReturnType<Catalog['presentKinds']> {
  return catalog.presentKinds().filter((k) => typeof k.search === 'function');
}

/**
 * The kinds of document a site's index holds, in the order the filter lists
 * them: item kinds with items and search documents (registry order), then
 * people and projects when the site has pages for them (what
 * src/search/providers.ts indexes).
 */
export function searchKinds(catalog: Pick<Catalog, 'presentKinds' | 'contributors' | 'places'>): SearchKind[] {
  return [
    ...searchedKinds(catalog).map(itemSearchKind),
    ...(catalog.contributors().length > 0 ? [PAGE_KINDS.person] : []),
    ...(catalog.places.size > 0 ? [PAGE_KINDS.project] : []),
  ];
}

/**
 * The sources the Source filter offers, in config order: those with items of
 * a searched kind (a source of job-listing counts alone has nothing to find).
 */
export function searchSources(catalog: Pick<Catalog, 'presentKinds' | 'items'>, sources: readonly string[]): string[] {
  const found = new Set(searchedKinds(catalog).flatMap((k) => catalog.items(k.kind).map((s) => s.source)));
  return sources.filter((id) => found.has(id));
}

/** Words for a kind the page does not list (an index newer than the page): the kind itself, capitalised. */
export function unlistedSearchKind(kind: string): SearchKind {
  return { kind, one: capital(kind), many: capital(kind), date: '' };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
