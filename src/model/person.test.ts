import { describe, expect, it } from 'vitest';
import { maskDeep, maskEmail, personKey } from './person.ts';

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

describe('personKey', () => {
  it('joins source and native id', () => {
    expect(personKey('opendev', '22348')).toBe('opendev:22348');
  });
});

// Regression (issue 4.2): obfuscated addresses went through unmasked and then failed the build's privacy scan.
describe('maskEmail on obfuscated addresses', () => {
  const cases: [string, string][] = [
    ['jane\u200B@example.org', 'j…@example.org'],
    ['jane@\u200Cexample.org', 'j…@example.org'],
    ['jane\u200D\u2060@\uFEFFexample.org', 'j…@example.org'],
    ['jane\u00AD@example.org', 'j…@example.org'],
    ['jane＠example.org', 'j…＠example.org'],
    ['jane﹫example.org', 'j…﹫example.org'],
    ['jane%40example.org', 'j…%40example.org'],
    ['jane&#64;example.org', 'j…&#64;example.org'],
    ['jane&#0064;example.org', 'j…&#0064;example.org'],
    ['jane&#x40;example.org', 'j…&#x40;example.org'],
    ['jane&#X0040;example.org', 'j…&#X0040;example.org'],
    ['jane&commat;example.org', 'j…&commat;example.org'],
    ['"john doe"@example.org', '"j…@example.org'],
    ['"john \\"jd\\" doe"@example.org', '"j…@example.org'],
    ['user@[192.0.2.1]', 'u…@[…]'],
    ['user@[IPv6:2001:db8::1]', 'u…@[…]'],
    ['user＠\u200B[ipv6:::1]', 'u…＠[…]'],
  ];
  it.each(cases)('masks %j', (raw, masked) => {
    expect(maskEmail(`From: ${raw}, thanks`)).toBe(`From: ${masked}, thanks`);
    expect(maskEmail(maskEmail(raw))).toBe(masked);
  });

  it('leaves alone what is not an address', () => {
    for (const text of [
      '@types/node and %40types%2Fnode',
      'icon@2x.png, logo@3x.webp',
      'Fix the test\n@mock.patch.object(foo, "bar")\ndef test(self):',
      'say "hi"@ there, "x"@localhost, x@[999.1]',
      'a "quoted\nline"@example.org',
      'j…@example.org j…%40example.org "j…@example.org u…@[…]',
      'jane&#64example.org jane&amp;#64;example.org',
    ]) expect(maskEmail(text)).toBe(text);
  });

  it('masks each address once, including handles and runs of at-signs', () => {
    expect(maskEmail('two@x.org@y.org')).toBe('t…@x.org@y.org');
    expect(maskEmail('@jane@mastodon.social')).toBe('@j…@mastodon.social');
    expect(maskEmail('a@b.co_jane@example.org')).toBe('a…@b.co_…@example.org');
    for (const text of ['two@x.org@y.org', 'a%40b%40c.org', 'a@b.c"xy"@example.org', 'x@a.org"q"@b.org', '"a@b"@c.org']) {
      expect(maskEmail(maskEmail(text))).toBe(maskEmail(text));
    }
  });

  // Regression (issue 4.4): a guard against quadratic behaviour on hostile input, not a benchmark.
  it('runs in linear time on 2 MB of hostile input', () => {
    const n = 2 * 1024 * 1024;
    const fill = (unit: string, tail = ''): string => unit.repeat(Math.ceil(n / unit.length)) + tail;
    for (const text of [
      fill('@'), fill('a'), fill('a@'), fill('a.'), fill('a.', '@example.org'), fill('a@a.'), fill('%40'), fill('a%40'),
      fill('&#64;'), fill('a&#64;'), fill('&#0'), fill('"@'), fill('a"'), fill('\\"', '"@example.org'), fill('\u200B'),
      fill('a\u200B'), fill('@['), fill('a@[1.'), fill('a@example.org '), fill('"a"@example.org '), `x@${fill('a.')}`, `x@${fill('ab.')}1`, `x@[IPv6:${fill('a')}`,
    ]) {
      const started = performance.now();
      maskEmail(text);
      expect(performance.now() - started, JSON.stringify(text.slice(0, 12))).toBeLessThan(1000);
    }
  });
});

describe('maskDeep', () => {
  it('masks every string value and key of a JSON-like value, in a copy', () => {
    const input = {
      project: 'team/jane@example.org',
      labels: { 'Verified-by-ci@example.org': { all: [{ value: 1, by: 'x%40y.org' }] } },
      revisions: { 'abc@example.org': { number: 1, draft: false, note: null } },
      changeId: ['I0a1b2c3@example.org', 42, true],
      none: undefined,
    };
    const copy = JSON.parse(JSON.stringify(input));
    expect(maskDeep(input)).toEqual({
      project: 'team/j…@example.org',
      labels: { 'V…@example.org': { all: [{ value: 1, by: 'x…%40y.org' }] } },
      revisions: { 'a…@example.org': { number: 1, draft: false, note: null } },
      changeId: ['I…@example.org', 42, true],
      none: undefined,
    });
    expect(input).toEqual({ ...copy, none: undefined });
    expect(maskDeep('a@b.co')).toBe('a…@b.co');
    expect(maskDeep(7)).toBe(7);
    expect(maskDeep(null)).toBe(null);
  });

  it('keeps a "__proto__" key as data', () => {
    const out = maskDeep(JSON.parse('{"__proto__": {"x": "a@b.co"}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ x: 'a…@b.co' });
  });
});
