import { describe, expect, it } from 'vitest';
import { excerpt, redactUrl } from './errors.ts';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

describe('excerpt', () => {
  it('flattens whitespace and cuts long bodies', () => {
    expect(excerpt('  a\n\n b  ')).toBe('a b');
    expect(excerpt('x'.repeat(200), 10)).toBe(`${'x'.repeat(10)}…`);
  });

  // Regression: the body was cut before masking, and a cut address no longer looked like one.
  it('masks an address that straddles the cut', () => {
    const body = `${'x'.repeat(100)} contact jane.doe@mail.example.org for access`;
    for (const max of [105, 112, 115, 118, 120, 125]) {
      const out = excerpt(body, max);
      expect(out).not.toContain('jane.doe');
      expect(out).not.toMatch(EMAIL);
    }
  });
});

describe('redactUrl', () => {
  it('drops user-info and token-like parameters', () => {
    expect(redactUrl('https://u:p@h.example/x?token=abc&q=1')).toBe('https://h.example/x?token=REDACTED&q=1');
  });
});
