import lunr from 'lunr';

/**
 * The one text analysis of search, used by the index builder and by the
 * browser (query planning, highlighting), so both sides agree on every word.
 *
 * Index side: `tokenize` (split, lower-case, compounds plus their parts), then
 * the pipeline `trimmer`, stop-word filter, Porter stemmer. Query side:
 * `queryPieces` (the same split, without parts: a compound the reader types
 * is indexed whole), then `trimmer` and the stemmer (no stop-word filter, as
 * in lunr: `wills` is indexed as `will`).
 */

/**
 * Words are split on white space and hyphens (lunr's default) and also on
 * markup, code and path punctuation, so `<img onerror=alert(1)>`, `foo(bar)`
 * or `infra/manual` index `onerror`, `alert`, `foo`, `bar`, `infra`, `manual`.
 * Dots, colons and underscores stay inside words (versions, file and module
 * names, identifiers); see `tokenize` for their parts. lunr's own tokenizer is
 * pointed at the same rule; the query lexer keeps its separator (it copied it
 * at load time), so query syntax (`+`, `-`, `title:`, `*`, `~`, `^`) is unchanged.
 */
export const INDEX_SEPARATOR = /[\s\-<>=()'"`/\\,;!?[\]{}|&#%$]+/;
lunr.tokenizer.separator = INDEX_SEPARATOR;
const SEPARATOR = new RegExp(INDEX_SEPARATOR.source, 'g');

/** Letters and digits of any script; everything else is punctuation to trimming and splitting. */
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const INNER = /[^\p{L}\p{N}]+/u;
const LETTER = /\p{L}/u;

/** Strips punctuation from both ends of a word. */
export function trimWord(word: string): string {
  return word.replace(EDGE, '');
}

/**
 * lunr's trimmer strips `\W`, which is every non-ASCII letter: `Zoë` became
 * `zo` and `李雷` nothing, while the query kept `zoë`. This one keeps letters
 * and digits of every script and drops tokens left empty.
 */
export const trimmer: lunr.PipelineFunction = (token) => {
  const t = token.update((s) => trimWord(s));
  return t.toString() === '' ? null : t;
};
lunr.Pipeline.registerFunction(trimmer, 'agoraTrimmer');

/**
 * The raw (lower-cased, untrimmed) tokens of a text: the words between
 * separators, and after a word that joins parts with dots, colons,
 * underscores or other inner punctuation (`docs.example.org`,
 * `developers.html`, `oslo_messaging`, `v2.1`) each part with a letter and at
 * least two characters: `docs`, `example`, `org`, `developers`, `html`,
 * `oslo`, `messaging`, `v2`. The whole word stays too, so `nova.conf` and
 * `1.2.3` still find themselves; pure numbers are not split out (versions and
 * addresses would flood the index with digits).
 */
export function tokenize(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(SEPARATOR)) {
    if (raw === '') continue;
    out.push(raw);
    for (const part of parts(raw)) out.push(part);
  }
  return out;
}

/** The parts `tokenize` adds after a compound word (none for a simple word). */
export function parts(raw: string): string[] {
  const core = trimWord(raw);
  if (!INNER.test(core)) return [];
  return core.split(INNER).filter((p) => p.length >= 2 && LETTER.test(p));
}

/** A query word split the way the index splits text (`manual/developers.html` -> `manual`, `developers.html`), trimmed. */
export function queryPieces(term: string): string[] {
  return term
    .split(SEPARATOR)
    .map(trimWord)
    .filter((p) => p !== '');
}

/** What a query word goes through after `queryPieces`, and what the browser's lunr.Index is given. */
export function queryPipeline(): lunr.Pipeline {
  const p = new lunr.Pipeline();
  p.add(trimmer, lunr.stemmer);
  return p;
}

/** The index side's pipeline (what a monolithic lunr index must use to agree). */
export function indexPipeline(): lunr.Pipeline {
  const p = new lunr.Pipeline();
  p.add(trimmer, lunr.stopWordFilter, lunr.stemmer);
  return p;
}

/**
 * The index analysis, with the per-word pipeline result cached: the Porter
 * stemmer dominates build time and a corpus repeats its words endlessly.
 */
export class Analyzer {
  private readonly pipeline = indexPipeline();
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly cacheLimit = 400_000) {}

  /** The index terms of a field's text, in token order, repeats kept (their count is the field length). */
  terms(text: string | undefined, field: string): string[] {
    if (!text) return [];
    const out: string[] = [];
    for (const raw of text.toLowerCase().split(SEPARATOR)) {
      if (raw === '') continue;
      let processed = this.cache.get(raw);
      if (processed === undefined) {
        const tokens = [raw, ...parts(raw)].map((t) => new lunr.Token(t, { fields: [field] }));
        processed = this.pipeline.run(tokens).map(String);
        if (this.cache.size >= this.cacheLimit) this.cache.clear();
        this.cache.set(raw, processed);
      }
      for (const p of processed) out.push(p);
    }
    return out;
  }
}
