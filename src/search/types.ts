import type { Site } from '../catalog/index.ts';
import type { SearchDoc } from '../kinds/types.ts';

export type { SearchDoc } from '../kinds/types.ts';

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

/** One stored document in a chunk: [title, path, source, project, kind, date, status, text, byline?] (byline only when there is one). */
export type StoredDoc = [string, string, string, string, string, string, string, string, string?];

/** Terms with more than this many expansions for `word*` are cut to the most frequent. */
export const MAX_PREFIX_EXPANSIONS = 64;

/**
 * Document boosts by kind (lunr's `add(doc, { boost })`): a person's page
 * outranks a message signed with their name, so a name finds the person first
 * even when their page is long (a prolific reviewer's lists many places).
 */
export const KIND_BOOST: Readonly<Record<string, number>> = { person: 1.25 };
