/**
 * The one place the driver gets its keyword matcher from. The real matcher
 * (src/lib/job-keywords.ts: `compileKeywords(defs).match(html)` and
 * `keywordsDigest(defs)`) is being written by another helper; until it lands,
 * this interim one understands the two forms only:
 *   Python: { any: ["python", "django"] }        a posting naming any of the terms
 *   Python AND OpenStack: { all: ["Python", "OpenStack"] }   every one of the named keywords
 * Terms match whole words, case-insensitively, in the posting's text (tags out).
 * TODO(job-keywords): replace the body of `keywordsFor` with compileKeywords + keywordsDigest.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../model/item.ts';
import type { KeywordMatcher } from './map.ts';

export interface Keywords {
  /** Every configured keyword name, so a month with no match counts 0. */
  names: string[];
  matcher: KeywordMatcher;
  /** Changes whenever the definitions do: months counted with another digest are counted again. */
  digest: string;
}

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function termsOf(def: unknown, key: 'any' | 'all'): string[] | undefined {
  if (!def || typeof def !== 'object') return undefined;
  const list = (def as Record<string, unknown>)[key];
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string' && x.length > 0) : undefined;
}

/** The keywords of a config, compiled (see the module comment for the forms). */
export function keywordsFor(defs: Readonly<Record<string, unknown>>): Keywords {
  const names = Object.keys(defs);
  const patterns = new Map<string, RegExp>();
  const combos = new Map<string, string[]>();
  for (const name of names) {
    const any = termsOf(defs[name], 'any');
    const all = termsOf(defs[name], 'all');
    // Word edges that also hold for terms ending in a symbol (c++, c#, .net).
    if (any?.length) patterns.set(name, new RegExp(`(?<![\\p{L}\\p{N}])(?:${any.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'iu'));
    else if (all?.length) combos.set(name, all);
    else throw new Error(`keyword "${name}": expected { any: [terms] } or { all: [keyword names] }`);
  }
  for (const [name, parts] of combos) {
    const unknown = parts.filter((p) => !patterns.has(p));
    if (unknown.length) throw new Error(`keyword "${name}": all: names ${unknown.join(', ')}, which are not { any: [...] } keywords`);
  }
  const matcher: KeywordMatcher = {
    match(html) {
      const text = html.replace(/<[^>]*>/g, ' ').replace(/&#x27;/g, "'").replace(/&#x2F;/g, '/').replace(/&amp;/g, '&');
      const hit = new Set([...patterns].filter(([, re]) => re.test(text)).map(([n]) => n));
      for (const [name, parts] of combos) if (parts.every((p) => hit.has(p))) hit.add(name);
      return names.filter((n) => hit.has(n));
    },
  };
  const digest = createHash('sha256').update(canonicalJson(defs)).digest('hex').slice(0, 16);
  return { names, matcher, digest };
}
