import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskEmail } from '../../src/model/person.ts';
import { decodeHtml, decodeJs, emailsIn, emailsInFile, scanForEmails, spelledEmailsIn } from './privacy-scan.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'agora-scan-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('privacy scan of the built site', () => {
  it('finds addresses in pages, data and scripts, but not masked ones or retina image names', async () => {
    const dir = site({
      'index.html': `<p>${maskEmail('jane.doe@corp.example.com')}</p><img src="logo@2x.png">`,
      'search/shard.json': '{"t":"bob@example.org"}',
      'a.png': 'carol@example.org',
    });
    expect(await scanForEmails(dir)).toEqual([{ file: join('search', 'shard.json'), match: 'bob@example.org' }]);
  });

  // Regression: calendars were not scanned, so UIDs of the `id@host` form reached dist/ unseen.
  it('scans calendar files too', async () => {
    const dir = site({ 'meetings/all.ics': 'BEGIN:VEVENT\r\nUID:team.tuesday-1400@agora.example.org\r\nEND:VEVENT\r\n' });
    expect(await scanForEmails(dir)).toEqual([{ file: join('meetings', 'all.ics'), match: 'team.tuesday-1400@agora.example.org' }]);
  });

  // Regression: the scan was ASCII-only, so these passed the build.
  it('finds addresses with non-ASCII letters, and not their masked forms', async () => {
    const raw = ['jane@例え.jp', 'zoë@exämple.org', 'иван@пример.рф'];
    const dir = site({ 'raw.html': raw.join(' '), 'masked.html': raw.map(maskEmail).join(' ') });
    expect(await scanForEmails(dir)).toEqual(raw.map((match) => ({ file: 'raw.html', match })));
  });
});

describe('emailsIn', () => {
  it('finds each address once and ignores masked ones', () => {
    expect(emailsIn('a@b.co and x jane.doe@corp.example.com, j…@corp.example.com; two@x.org@y.org')).toEqual(['a@b.co', 'jane.doe@corp.example.com', 'two@x.org']);
    expect(emailsIn(`${'a'.repeat(300)}@corp.example.com`)).toEqual([`${'a'.repeat(64)}@corp.example.com`]);
  });
});

// Regression (issue 4.1): the scan read JSON-escaped text, so `\n@mock.patch.object(` was the address `n@mock.patch.object`.
describe('privacy scan reads text as readers and scripts see it', () => {
  const message = 'Mock the clock\n@mock.patch.object(time, "time")\ndef test_expiry(self):\n\t"""Expires."""';

  it('does not take a Python decorator in a search chunk for an address', async () => {
    const dir = site({
      'search/c/0.json': JSON.stringify([['Mock the clock', '/changes/opendev/1/', 'opendev', 'nova', 'change', '2025-01-01', 'open', message]]),
      'app.js': `const body = ${JSON.stringify(message)};`,
      'page.html': `<pre>${message}</pre><script type="application/json">${JSON.stringify({ message })}</script>`,
      'broken.json': `[${JSON.stringify(message)}`,
    });
    expect(await scanForEmails(dir)).toEqual([]);
  });

  it('decodes JSON, JavaScript escapes and HTML character references before looking', async () => {
    const dir = site({
      'a.json': '{"jane\\u0040example.org": ["bob\\u0040example.org", 1]}',
      'b.js': 'x="carol\\x40example.org";y="dan\\u{40}example.org";z="j\\u2026@example.org"',
      'c.html': '<p>eve&#64;example.org <a title="fay&#x40;example.org">x</a> gil&commat;example.org h&hellip;@example.org</p>',
      'd.html': '<p>ivy&amp;#64;example.org, j…&amp;#64;example.org</p><script>k="kim\\u0040example.org"</script>',
      'e.svg': '<svg><text>lee&#0064;example.org</text></svg>',
    });
    expect((await scanForEmails(dir)).map((f) => `${f.file} ${f.match}`)).toEqual([
      'a.json jane@example.org',
      'a.json bob@example.org',
      'b.js carol@example.org',
      'b.js dan@example.org',
      'c.html eve@example.org',
      'c.html fay@example.org',
      'c.html gil@example.org',
      'd.html ivy&#64;example.org',
      'd.html kim@example.org',
      'e.svg lee@example.org',
    ]);
  });
});

describe('decodeHtml and decodeJs', () => {
  it('decode character references once, and leave unknown ones', () => {
    expect(decodeHtml('a&amp;b &lt;&gt; &#64;&#x40;&#X00040&commat; &amp;#64; &constructor; &toString; &#0; &#xD800; &#99999999999; &')).toBe(
      'a&b <> @@@@ &#64; &constructor; &toString; \uFFFD \uFFFD \uFFFD &');
  });
  it('decode string escapes, and leave other backslashes', () => {
    expect(decodeJs('\\n\\t\\"\\/\\\\n \\u0040\\u{1F600}\\x40 \\d \\u12 \\u{} \\')).toBe('\n\t"/\\n @\u{1F600}@ \\d \\u12 \\u{} \\');
  });
});

describe('emailsInFile', () => {
  it('reads JSON of any nesting depth', () => {
    expect(emailsInFile('deep.json', `${'['.repeat(200000)}"a@b.co"${']'.repeat(200000)}`)).toEqual(['a@b.co']);
  });
});

// Regression (issue 4.2): obfuscated addresses passed the scan.
describe('emailsIn on obfuscated and borderline text', () => {
  const flagged = [
    'jane@example.org', 'zoë@exämple.org', 'jane@例え.jp', 'x@[192.0.2.1]', 'x@[IPv6:2001:db8::1]', '"a b"@example.org',
    'jane%40example.org', 'jane\u200B@example.org', 'jane@\u00ADexample.org', 'jane\u2060\uFEFF@\u200Dexample.org',
    'jane＠example.org', 'jane﹫example.org', 'jane&#64;example.org', 'jane&#x40;example.org', 'jane&#X0040;example.org',
    'jane&#00064;example.org', 'jane&commat;example.org', '@jane@mastodon.social',
  ];
  it.each(flagged)('flags %j, and not its masked form', (text) => {
    expect(emailsIn(`see ${text}, thanks`)).toEqual([text.replace(/^@/, '')]);
    expect(emailsIn(maskEmail(`see ${text}, thanks`))).toEqual([]);
  });

  it('does not flag decorators, retina names, npm scopes or masked text', () => {
    expect(emailsIn('\n@mock.patch.object(time)\n  @six.add_metaclass(abc.ABCMeta)')).toEqual([]);
    expect(emailsIn('icon@2x.png logo@3x.webp @types/node %40types%2Fnode npm i @astrojs/check@0.9.10')).toEqual([]);
    expect(emailsIn('j…@example.org j…%40example.org j…＠example.org j…&#64;example.org "j…@example.org u…@[…]')).toEqual([]);
    expect(emailsIn('"x"@localhost "a\nb"@example.org x@[999.1] jane&#64example.org')).toEqual([]);
  });

  it('agrees with maskEmail: masked text is never flagged, and what is flagged gets masked', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const parts = ['jane', 'example.org', 'jane', 'example.org', '@', 'a', 'zoë', '例', '.', '-', '_', '%', '+', '@', '＠', '%40', '&#64;', '&commat;', '"', '\\', ' ', '\n', '\u200B',
      '\u00AD', '[', ']', '1.2.3.4', 'IPv6:', '::1', 'org', 'xn--p1ai', '2x', '…', 'com'];
    for (let i = 0; i < 20000; i++) {
      let text = '';
      for (let k = random(8) + 1; k > 0; k--) text += parts[random(parts.length)];
      const masked = maskEmail(text);
      expect(emailsIn(masked), JSON.stringify([text, masked])).toEqual([]);
      expect(maskEmail(masked), JSON.stringify(text)).toBe(masked);
      if (emailsIn(text).length) expect(masked, JSON.stringify(text)).not.toBe(text);
    }
  });

  // Regression (issue 4.4): 2 MB of `@` took seconds (a regex over a 512-character window around every `@`).
  it('runs in linear time on 2 MB of hostile input', () => {
    const n = 2 * 1024 * 1024;
    const fill = (unit: string, tail = ''): string => unit.repeat(Math.ceil(n / unit.length)) + tail;
    for (const text of [
      fill('@'), fill('a'), fill('a@'), fill('a.'), fill('a.', '@example.org'), fill('a@a.'), fill('%40'), fill('a%40'),
      fill('&#64;'), fill('a&#64;'), fill('&#0'), fill('"@'), fill('a"'), fill('\\"', '"@example.org'), fill('\u200B'),
      fill('a\u200B'), fill('@['), fill('a@[1.'), fill('a@example.org '), fill('"a"@example.org '), `x@${fill('a.')}`, `x@${fill('ab.')}1`, `x@[IPv6:${fill('a')}`,
    ]) {
      const started = performance.now();
      emailsIn(text);
      expect(performance.now() - started, JSON.stringify(text.slice(0, 12))).toBeLessThan(1000);
    }
  });

  it('runs in linear time on 2 MB pages, data and scripts', async () => {
    const n = 2 * 1024 * 1024;
    const files: Record<string, string> = {
      'at.html': '@'.repeat(n),
      'a-at.html': 'a@'.repeat(n / 2),
      'refs.html': '&#64;'.repeat(n / 5),
      'amp.html': '&amp;#64;'.repeat(n / 9),
      'zeros.html': `&#${'0'.repeat(n)}`,
      'scripts.html': '<script>'.repeat(n / 8),
      'at.json': JSON.stringify(['@'.repeat(n)]),
      'esc.js': '\\u0040'.repeat(n / 6),
      'braces.js': '\\u{'.repeat(n / 3),
    };
    for (const [file, text] of Object.entries(files)) {
      const started = performance.now();
      expect(emailsInFile(file, text)).toEqual([]);
      expect(performance.now() - started, file).toBeLessThan(1500);
    }
    const started = performance.now();
    expect(await scanForEmails(site({ 'at.html': files['at.html']! }))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('spelled-out addresses of mail archives', () => {
  it('finds the bracketed forms and a bare " at " after an address-like local part', () => {
    expect(spelledEmailsIn('mail jane(a)example.org or jane [at] example [dot] org')).toEqual(['jane(a)example.org', 'jane [at] example [dot] org']);
    expect(spelledEmailsIn('write to maya.okafor at bluefin-networks.example today')).toEqual(['maya.okafor at bluefin-networks.example']);
    expect(spelledEmailsIn('ask dev-team at lists.example.org')).toEqual(['dev-team at lists.example.org']);
  });

  it('passes prose and the masked forms', () => {
    expect(spelledEmailsIn('look at example.org, we met at docs.example.org; see setup.py at top')).toEqual([]);
    expect(spelledEmailsIn('m… at bluefin-networks.example, j…(a)example.org, the chairs at m… at x.example')).toEqual([]);
  });
});
