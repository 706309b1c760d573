import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskEmail } from '../../src/model/person.ts';
import { scanForEmails } from './privacy-scan.ts';

describe('privacy scan of the built site', () => {
  it('finds addresses in pages, data and scripts, but not masked ones or retina image names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-scan-'));
    mkdirSync(join(dir, 'search'));
    writeFileSync(join(dir, 'index.html'), `<p>${maskEmail('jane.doe@corp.example.com')}</p><img src="logo@2x.png">`);
    writeFileSync(join(dir, 'search', 'shard.json'), '{"t":"bob@example.org"}');
    writeFileSync(join(dir, 'a.png'), 'carol@example.org');
    expect(await scanForEmails(dir)).toEqual([{ file: join('search', 'shard.json'), match: 'bob@example.org' }]);
  });
});
