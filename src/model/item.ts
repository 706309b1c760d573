import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The envelope every stored record shares, whatever upstream it came from.
 * `data` holds the kind-specific payload (see change.ts); everything outside
 * `src/sources/**` reads items only through this shape.
 */
export const ItemEnvelope = z.object({
  /** The source id from the config (e.g. `opendev`). */
  source: z.string().min(1),
  /** The upstream type (`gerrit`, later `pipermail`, `github`, …). */
  type: z.string().min(1),
  /** Base URL or path of the upstream the item came from. */
  origin: z.string(),
  /** Stable id: `<source>:<kind>:<native id>`. */
  id: z.string().min(1),
  kind: z.string().min(1),
  /** The upstream's own last-modified time, UTC ISO 8601. */
  updatedOn: z.string(),
  /** sha256 of the canonical JSON of `data`; unchanged digest = no write. */
  digest: z.string(),
  data: z.unknown(),
});
export type ItemEnvelope = z.infer<typeof ItemEnvelope>;

export interface Item<T> extends Omit<ItemEnvelope, 'data'> {
  data: T;
}

export function itemId(source: string, kind: string, nativeId: string | number): string {
  return `${source}:${kind}:${nativeId}`;
}

/** Splits an item id back into its parts; the native id may itself contain colons. */
export function parseItemId(id: string): { source: string; kind: string; nativeId: string } {
  const [source, kind, ...rest] = id.split(':');
  if (!source || !kind || rest.length === 0) throw new Error(`not an item id: ${JSON.stringify(id)}`);
  return { source, kind, nativeId: rest.join(':') };
}

/** A deep copy with every object's keys in sorted order, so equal data always serialises to the same bytes. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) sorted[k] = sortKeys((value as Record<string, unknown>)[k]);
    return sorted as T;
  }
  return value;
}

/** JSON with object keys sorted, so the same data always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export function digestOf(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 32);
}

export function makeItem<T>(fields: Omit<Item<T>, 'digest' | 'id'> & { nativeId: string | number }): Item<T> {
  const { nativeId, ...rest } = fields;
  return {
    source: rest.source,
    type: rest.type,
    origin: rest.origin,
    id: itemId(rest.source, rest.kind, nativeId),
    kind: rest.kind,
    updatedOn: rest.updatedOn,
    digest: digestOf(rest.data),
    data: rest.data,
  };
}
