import lunr from 'lunr';

/**
 * lunr's indexing analysis (tokenizer, then trimmer, stop-word filter and
 * stemmer), with the per-word pipeline result cached: the Porter stemmer
 * dominates build time and a corpus repeats its words endlessly. The
 * tokenizer is lunr's, rewritten as one split: lower-case the text, split
 * on `lunr.tokenizer.separator`, drop empty pieces.
 */
export class Analyzer {
  private readonly pipeline = new lunr.Pipeline();
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly cacheLimit = 400_000) {
    this.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  }

  /** The index terms of a field's text, in token order, repeats kept (their count is the field length). */
  terms(text: string | undefined, field: string): string[] {
    if (!text) return [];
    const out: string[] = [];
    for (const raw of text.toLowerCase().split(SEPARATOR)) {
      if (raw === '') continue;
      let processed = this.cache.get(raw);
      if (processed === undefined) {
        processed = this.pipeline.run([new lunr.Token(raw, { fields: [field] })]).map(String);
        if (this.cache.size >= this.cacheLimit) this.cache.clear();
        this.cache.set(raw, processed);
      }
      for (const p of processed) out.push(p);
    }
    return out;
  }
}

/**
 * Words are split on white space and hyphens (lunr's default) and also on
 * markup and code punctuation, so `<img onerror=alert(1)>` or `foo(bar)` index
 * `onerror`, `alert`, `foo`, `bar`. Dots stay inside words (versions, file
 * names). lunr's own tokenizer is pointed at the same rule so a monolithic
 * lunr index agrees; the query lexer keeps its separator (it copied it at
 * load time), so query syntax (`+`, `-`, `title:`, `*`, `~`, `^`) is unchanged.
 */
export const INDEX_SEPARATOR = /[\s\-<>=()'"`/\\,;!?[\]{}|&#%$]+/;
lunr.tokenizer.separator = INDEX_SEPARATOR;
const SEPARATOR = new RegExp(INDEX_SEPARATOR.source, 'g');
