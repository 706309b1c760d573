import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskEmail } from '../../src/model/person.ts';
import { emailsIn, scanForEmails } from './privacy-scan.ts';

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'agora-scan-'));
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
    expect(emailsIn(`${'a'.repeat(300)}@corp.example.com`)).toEqual([`${'a'.repeat(256)}@corp.example.com`]);
  });
});
