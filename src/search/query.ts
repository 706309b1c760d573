import lunr from 'lunr';
import { queryPieces, queryPipeline } from './analyze.ts';
import { parseClauses, runString, type Clause } from './lunr-internals.ts';

/**
 * Turns what a person typed into lunr query clauses and says which index
 * terms they need, so only those shards are fetched. The clauses are the
 * ones `lunr.Index#search` would build from the same string; the only
 * departures are documented in the notices: fuzzy `~n` is searched as the
 * exact word, and wildcards work only at the end of a word (`conf*`) after
 * at least `prefixLength` characters. One more, so queries split words as the
 * index does: a word lunr's lexer keeps whole but the index splits
 * (`infra/manual`, `foo(bar)`, a pasted URL) becomes one clause per piece,
 * each with the word's presence, fields and boost (`+a/b` requires both).
 */
export interface QueryPlan {
  clauses: Clause[];
  /** Per clause, its pipeline-processed terms, or `[prefix*]` for a wildcard clause. */
  clauseTerms: string[][];
  /** Pipeline-processed terms to look up. */
  terms: string[];
  /** Lower-cased prefixes of `prefix*` words, to expand from the prefix dictionaries. */
  prefixes: string[];
  notices: string[];
  error?: string;
}

const searchPipeline = queryPipeline();

/** Drops punctuation people type around words (`"nova",`), keeping lunr's operators. */
export function normaliseQuery(q: string): string {
  return q
    .split(/\s+/)
    .map((w) => w.replace(/^["'(\[{«“‘]+/, '').replace(/["'),.;!?\]}»”’]+$/, ''))
    .filter((w) => w !== '' && w !== '+' && w !== '-')
    .join(' ');
}

const parse = parseClauses;

export function planQuery(input: string, fields: string[], prefixLength = 2): QueryPlan {
  const plan: QueryPlan = { clauses: [], clauseTerms: [], terms: [], prefixes: [], notices: [] };
  const q = normaliseQuery(input);
  if (!q) return plan;
  try {
    plan.clauses = parse(q, fields);
  } catch {
    // `foo:bar` with an unknown field, a dangling `^`: search the words instead.
    try {
      plan.clauses = parse(q.replace(/[:^~+]/g, ' ').replace(/(^|\s)-/g, '$1'), fields);
    } catch (err) {
      plan.error = `Could not read the query: ${(err as Error).message}`;
      return plan;
    }
  }
  plan.clauses = plan.clauses.flatMap(splitClause);
  const terms = new Set<string>();
  const prefixes = new Set<string>();
  for (const clause of plan.clauses) {
    if (clause.editDistance) {
      delete clause.editDistance;
      plan.notices.push(`Fuzzy matching is not supported; searched for “${clause.term}” exactly.`);
    }
    if (!clause.usePipeline) {
      const star = clause.term.indexOf('*');
      const prefix = clause.term.slice(0, star);
      if (star !== clause.term.length - 1 || clause.term.length - 1 < prefixLength) {
        plan.error = `Wildcards work only at the end of a word with at least ${prefixLength} letters before them, like “conf*”.`;
        return plan;
      }
      prefixes.add(prefix);
      plan.clauseTerms.push([clause.term]);
      continue;
    }
    // No stop-word shortcut: `wills` is indexed as `will`, so even a stop word may be there.
    const processed = runString(searchPipeline, clause.term, clause.fields);
    for (const term of processed) terms.add(term);
    plan.clauseTerms.push(processed);
  }
  if (plan.clauses.length && plan.clauses.every((c) => c.presence === lunr.Query.presence.PROHIBITED)) {
    plan.error = 'Add a word to look for; a query of only -excluded words would list everything.';
  }
  plan.terms = [...terms];
  plan.prefixes = [...prefixes];
  return plan;
}

/** A pipeline clause whose word the index would split, as one clause per piece; wildcard clauses stay whole. */
function splitClause(clause: Clause): Clause[] {
  if (!clause.usePipeline) return [clause];
  const pieces = queryPieces(clause.term);
  if (pieces.length === 1 && pieces[0] === clause.term) return [clause];
  return pieces.map((term) => ({ ...clause, term }));
}

/** Whether a word of displayed text is one of the matched index terms (the query analysis, analyze.ts). */
export function matcher(matchedTerms: Iterable<string>): (word: string) => boolean {
  const set = new Set(matchedTerms);
  const cache = new Map<string, boolean>();
  const analyse = queryPipeline();
  return (word) => {
    const w = word.toLowerCase();
    let hit = cache.get(w);
    if (hit === undefined) {
      hit = set.size > 0 && runString(analyse, w).some((t) => set.has(t));
      cache.set(w, hit);
    }
    return hit;
  };
}
