/**
 * The one place the driver gets its keyword matcher from: the shared matcher
 * of both job sources (src/lib/job-keywords.ts), compiled once per run, with
 * the digest that tells a month counted with other keywords.
 */
import { compileKeywords, keywordsDigest, type KeywordDefinitions } from '../../lib/job-keywords.ts';
import type { KeywordMatcher } from './map.ts';

export interface Keywords {
  /** Every configured keyword name, so a month with no match counts 0. */
  names: string[];
  matcher: KeywordMatcher;
  /** Changes whenever the definitions do: months counted with another digest are counted again. */
  digest: string;
}

/** The keywords of a config, compiled; undefined names and cycles throw a `KeywordError` naming them. */
export function keywordsFor(defs: KeywordDefinitions): Keywords {
  const matcher = compileKeywords(defs);
  return { names: [...matcher.names], matcher, digest: keywordsDigest(defs) };
}
