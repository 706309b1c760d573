/**
 * The Algolia HN Search API's answers, read tolerantly (pure). Two endpoints:
 *
 *   GET /search_by_date?tags=…&page=N   { hits: [...], page, nbPages, hitsPerPage, nbHits, … }
 *   GET /items/<id>                      { id, created_at, type, author, title, text, children: [...] }
 *
 * Unknown fields pass (the API adds some now and then: `_highlightResult`,
 * `updated_at`, `options`), and a field the API sends as null or leaves out is
 * allowed wherever HN itself allows it: a deleted comment keeps its id and
 * time but loses its author and text. One bad search hit or one bad child is
 * left out and reported by its place; a page or an item that is not the API's
 * shape at all is an error that names the URL.
 */
import { z } from 'zod';

/** Algolia writes `2011-04-01T13:11:26.000Z` (older answers) or `2024-01-02T16:00:12Z`; a number is Unix seconds. */
const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 time');

/** One search hit: a story (or comment) as Algolia indexes it. */
export const SearchHit = z.looseObject({
  objectID: z.string().min(1),
  title: z.string().nullish(),
  author: z.string().nullish(),
  created_at: timestamp.optional(),
  created_at_i: z.number().int().optional(),
  story_id: z.number().int().nullish(),
  num_comments: z.number().int().nullish(),
  _tags: z.array(z.string()).optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;

const SearchPageShape = z.looseObject({
  hits: z.array(z.unknown()),
  page: z.number().int().nonnegative(),
  nbPages: z.number().int().nonnegative(),
  hitsPerPage: z.number().int().nonnegative(),
  nbHits: z.number().int().nonnegative(),
});

export interface SearchPage {
  hits: SearchHit[];
  page: number;
  nbPages: number;
  hitsPerPage: number;
  nbHits: number;
  /** Hits left out, each with why. */
  problems: string[];
}

/** One node of an item tree. `children` are kept unread: the caller reads the level it needs. */
export const ItemNode = z.looseObject({
  id: z.number().int().nonnegative(),
  created_at: timestamp.nullish(),
  created_at_i: z.number().int().nullish(),
  type: z.string().nullish(),
  author: z.string().nullish(),
  title: z.string().nullish(),
  text: z.string().nullish(),
  parent_id: z.number().int().nullish(),
  story_id: z.number().int().nullish(),
  points: z.number().int().nullish(),
  /** Not in Algolia's answers today; HN's own API marks removed items so, and a proxy may pass it on. */
  deleted: z.boolean().optional(),
  dead: z.boolean().optional(),
  children: z.array(z.unknown()).nullish(),
});
export type ItemNode = z.infer<typeof ItemNode>;

export class HnFormatError extends Error {
  override name = 'HnFormatError';
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'not the expected shape';
}

function json(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HnFormatError(`${where}: not JSON (${(err as Error).message})`);
  }
}

/** A `search_by_date` (or `search`) answer; `where` names it in errors (the URL). */
export function parseSearchPage(text: string, where: string): SearchPage {
  const shape = SearchPageShape.safeParse(json(text, where));
  if (!shape.success) throw new HnFormatError(`${where}: not an Algolia search answer: ${firstIssue(shape.error)}`);
  const hits: SearchHit[] = [];
  const problems: string[] = [];
  shape.data.hits.forEach((raw, i) => {
    const hit = SearchHit.safeParse(raw);
    if (hit.success) hits.push(hit.data);
    else problems.push(`${where}: hit ${i} left out: ${firstIssue(hit.error)}`);
  });
  const { page, nbPages, hitsPerPage, nbHits } = shape.data;
  return { hits, page, nbPages, hitsPerPage, nbHits, problems };
}

/** An `items/<id>` answer: the item itself, its children unread. */
export function parseItem(text: string, where: string): ItemNode {
  return readItemNode(json(text, where), where);
}

/** One node of an item tree (a child of a parsed item), or an error naming `where`. */
export function readItemNode(raw: unknown, where: string): ItemNode {
  const node = ItemNode.safeParse(raw);
  if (!node.success) throw new HnFormatError(`${where}: not an HN item: ${firstIssue(node.error)}`);
  return node.data;
}

/** An item's or hit's time as `YYYY-MM-DDTHH:MM:SSZ`, from `created_at`, else `created_at_i`. */
export function createdOf(x: { created_at?: string | null | undefined; created_at_i?: number | null | undefined }): string | undefined {
  const ms = x.created_at ? Date.parse(x.created_at) : typeof x.created_at_i === 'number' ? x.created_at_i * 1000 : NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
