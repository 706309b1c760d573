import type { Site } from '../catalog/index.ts';

/**
 * One searchable page. Every source (changes now; threads, meetings, specs,
 * pull requests later) turns its items into these through a provider, and
 * the index builder knows nothing else about them.
 */
export interface SearchDoc {
  /** Unique across the portal, e.g. `demo:change:10001`. */
  id: string;
  /** Site-relative page path without the base, e.g. `changes/demo/10001/`. */
  path: string;
  title: string;
  /** Plain text; providers cap it to a few KB. */
  body: string;
  /**
   * Who the page is about or by, as shown: a person's name and username, a
   * change owner's. Indexed (boosted, so a name finds the person, then what
   * they own, before pages that only mention them), not stored.
   */
  people?: string;
  /** Source id from the config. */
  source: string;
  /** `change`, `person`, `project`; later `thread`, `meeting`, `spec`, `pr`. */
  kind: string;
  project?: string;
  /** ISO 8601 (UTC). */
  date: string;
  status?: string;
}

/** Streams the documents of one kind of item; registered in providers.ts. */
export type SearchDocumentProvider = (site: Site) => AsyncIterable<SearchDoc>;

/** An indexed field and its lunr boost (scores match `this.field(name, { boost })`). */
export interface FieldSpec {
  name: 'title' | 'body' | 'people';
  boost: number;
}

export const FIELDS: readonly FieldSpec[] = [
  { name: 'title', boost: 2 },
  { name: 'body', boost: 1 },
  { name: 'people', boost: 1.5 },
];

/** `dist/search/manifest.json`: the only file with a fixed name; everything else sits under `dir`. */
export interface SearchManifest {
  version: 1;
  /** Content hash of everything under `dir`; changes whenever the index does. */
  buildId: string;
  /** Folder of this build's files, relative to the manifest, e.g. `3fa2c1d0/`. */
  dir: string;
  docCount: number;
  fields: string[];
  /** Power of two; a term lives in shard `fnv1a(term) & (shardCount - 1)`. */
  shardCount: number;
  /** Documents per stored chunk: document n is in chunk `floor(n / chunkSize)`. */
  chunkSize: number;
  /** Length of the prefix that keys the term dictionaries used for `word*`. */
  prefixLength: number;
  /** Facet values; `facets.bin` holds, per document, a u16 index into each list. */
  sources: string[];
  projects: string[];
  kinds: string[];
}

/** One stored document in a chunk: [title, path, source, project, kind, date, status, text]. */
export type StoredDoc = [string, string, string, string, string, string, string, string];

/** Terms with more than this many expansions for `word*` are cut to the most frequent. */
export const MAX_PREFIX_EXPANSIONS = 64;
