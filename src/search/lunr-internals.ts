import lunr from 'lunr';

/** Parts of lunr 2.3.9 that @types/lunr leaves out, typed once here. */
export interface Clause extends Omit<lunr.Query.Clause, 'editDistance'> {
  presence?: lunr.Query.presence;
  /** Present only when the query said `~n` (lunr checks `'editDistance' in clause`). */
  editDistance?: number;
}

const raw = lunr as unknown as {
  QueryParser: new (q: string, query: lunr.Query) => { parse(): { clauses: Clause[] } };
  TokenSet: { fromArray(terms: string[]): lunr.TokenSet };
};

export function parseClauses(q: string, fields: string[]): Clause[] {
  return new raw.QueryParser(q, new lunr.Query(fields)).parse().clauses;
}

/** `terms` must be sorted. */
export function tokenSetFromArray(terms: string[]): lunr.TokenSet {
  return raw.TokenSet.fromArray(terms);
}

/** `Pipeline#runString` with lunr's metadata argument. */
export function runString(pipeline: lunr.Pipeline, text: string, fields?: string[]): string[] {
  return (pipeline as unknown as { runString(s: string, m?: object): string[] }).runString(text, fields ? { fields } : undefined);
}
