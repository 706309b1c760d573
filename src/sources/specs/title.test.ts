import { describe, expect, it } from 'vitest';
import { sourceTitle } from './title.ts';

describe('sourceTitle', () => {
  it('reads the first reStructuredText title, over- and underlined or underlined, after a comment block', () => {
    const rst = '..\n This work is licensed under a licence.\n\n http://example.org/licence\n\n==========================\nPre-cache images\n==========================\n\nText.\n\nSection\n-------\n';
    expect(sourceTitle(rst, 'rst')).toBe('Pre-cache images');
    expect(sourceTitle('Intro words\n\nA title\n~~~~~~~\n', 'rst')).toBe('A title');
    expect(sourceTitle('\r\n**********\r\nCRLF title\r\n**********\r\n', 'rst')).toBe('CRLF title');
  });

  it('does not take a too-short underline, a mismatched overline or an indented line for a title', () => {
    expect(sourceTitle('Long title text\n---\n', 'rst')).toBeUndefined();
    expect(sourceTitle('=====\nTitle\n-----\n', 'rst')).toBeUndefined();
    expect(sourceTitle('  indented\n  ========\n', 'rst')).toBeUndefined();
    expect(sourceTitle('', 'rst')).toBeUndefined();
  });

  it('reads Markdown ATX and setext headings, not ones inside code fences', () => {
    expect(sourceTitle('```\n# not this\n```\n\n# KEP-1234: Sidecars ##\n', 'markdown')).toBe('KEP-1234: Sidecars');
    expect(sourceTitle('Setext title\n============\n', 'markdown')).toBe('Setext title');
    expect(sourceTitle('no heading at all', 'markdown')).toBeUndefined();
  });
});
