import { describe, expect, it } from 'vitest';
import { Analyzer } from './analyze.ts';

describe('Analyzer', () => {
  it('splits markup and code punctuation so hostile or technical text is findable by its words', () => {
    const a = new Analyzer();
    expect(a.terms(`<img src=x onerror=alert(1)> in foo(bar) and "quoted" nova.conf`, 'body')).toEqual(['img', 'src', 'x', 'onerror', 'alert', '1', 'foo', 'bar', 'quot', 'nova.conf']);
  });
});
