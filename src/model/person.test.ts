import { describe, expect, it } from 'vitest';
import { looksLikeBot, maskEmail, personKey } from './person.ts';

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('Signed-off-by: Jane Doe <jane.doe@example.org>')).toBe('Signed-off-by: Jane Doe <j…@example.org>');
    expect(maskEmail('a@b.co and x_y+z@sub.corp.example.com')).toBe('a…@b.co and x…@sub.corp.example.com');
    expect(maskEmail('no address here, just @mentions and logo@2x')).toBe('no address here, just @mentions and logo@2x');
  });

  // Regression: the pattern was ASCII-only, so these went through untouched.
  it('masks addresses with non-ASCII letters in the local part or the domain', () => {
    expect(maskEmail('jane@例え.jp')).toBe('j…@例え.jp');
    expect(maskEmail('zoë@exämple.org')).toBe('z…@exämple.org');
    expect(maskEmail('Reported-by: Ángel <ángel.pérez@correo.es>')).toBe('Reported-by: Ángel <á…@correo.es>');
    expect(maskEmail('написать: иван@пример.рф')).toBe('написать: и…@пример.рф');
    // Decomposed (NFD) "ë" is an "e" and a combining mark.
    expect(maskEmail('zoe\u0308@exa\u0308mple.org')).toBe('z…@exa\u0308mple.org');
  });

  it('leaves masked text alone when masked again', () => {
    const once = maskEmail('zoë@exämple.org, jane@例え.jp');
    expect(maskEmail(once)).toBe(once);
  });
});

describe('looksLikeBot and personKey', () => {
  it('tells automation by tag or name', () => {
    expect(looksLikeBot({ name: 'Zuul' })).toBe(true);
    expect(looksLikeBot({ name: 'Robo', tags: ['SERVICE_USER'] })).toBe(true);
    expect(looksLikeBot({ name: 'Nightly' }, [/nightly/i])).toBe(true);
    expect(looksLikeBot({ name: 'Jane Doe', username: 'jane' })).toBe(false);
    expect(personKey('opendev', '22348')).toBe('opendev:22348');
  });
});
