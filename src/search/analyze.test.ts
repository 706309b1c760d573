import { describe, expect, it } from 'vitest';
import { Analyzer, parts, queryPieces, queryPipeline, tokenize } from './analyze.ts';

const terms = (text: string) => new Analyzer().terms(text, 'body');
/** A query word as planQuery treats it (lunr's query parser lower-cases it first). */
const query = (word: string) => queryPieces(word.toLowerCase()).flatMap((p) => queryPipeline().runString(p));

describe('Analyzer', () => {
  it('splits markup and code punctuation so hostile or technical text is findable by its words', () => {
    expect(terms(`<img src=x onerror=alert(1)> in foo(bar) and "quoted" nova.conf`)).toEqual(['img', 'src', 'x', 'onerror', 'alert', '1', 'foo', 'bar', 'quot', 'nova.conf', 'nova', 'conf']);
  });

  it('splits the words inside URLs and paths, keeping each compound whole too', () => {
    const t = terms('see https://docs.example.org/infra/manual/developers.html#automated-testing');
    expect(t).toEqual(['see', 'http', 'docs.example.org', 'doc', 'exampl', 'org', 'infra', 'manual', 'developers.html', 'develop', 'html', 'autom', 'test']);
  });

  it('keeps versions, identifiers and dotted names findable as written, without flooding digits', () => {
    expect(terms('v2.1 and 1.2.3 in oslo_messaging and aurora_compute/conductor/manager.py')).toEqual([
      'v2.1', 'v2', '1.2.3', 'oslo_messag', 'oslo', 'messag', 'aurora_comput', 'aurora', 'comput', 'conductor', 'manager.pi', 'manag', 'py',
    ]);
    expect(parts('192.0.2.1')).toEqual([]);
    expect(parts('sentence.')).toEqual([]);
  });

  // Regression: lunr's trimmer strips \W, i.e. every non-ASCII letter: `Zoë` was indexed as `zo`
  // (the query kept `zoë`, so the name found nothing) and `李雷` as an empty term.
  it('keeps letters of every script at the ends of words', () => {
    expect(terms('Zoë Lindqvist, Łukasz, 李雷 and (Ana María).')).toEqual(['zoë', 'lindqvist', 'łukasz', '李雷', 'ana', 'maría']);
    expect(terms('… — ---')).toEqual([]);
  });

  it('analyses query words the way the index analyses text', () => {
    for (const word of ['Zoë', '李雷', 'developers.html', 'docs.example.org', 'nova.conf', 'manual', 'Testing']) {
      expect(terms(word), word).toEqual(expect.arrayContaining(query(word)));
      expect(query(word).length, word).toBe(1);
    }
    expect(query('infra/manual/developers.html')).toEqual(['infra', 'manual', 'developers.html']);
  });

  it('tokenize lists the raw tokens the analyzer runs its pipeline on', () => {
    expect(tokenize('See docs.example.org/x, now.')).toEqual(['see', 'docs.example.org', 'docs', 'example', 'org', 'x', 'now.']);
  });
});
