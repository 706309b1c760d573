import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines } from './changes.ts';

describe('readLines', () => {
  it('splits lines across chunk boundaries without breaking multi-byte characters', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-lines-'));
    try {
      const path = join(dir, 'x.jsonl');
      const lines = ['{"name":"Zoë"}', '', '{"name":"李雷 Łukasz"}', 'last line without newline'];
      writeFileSync(path, lines.join('\n'));
      for (const size of [1, 2, 3, 5, 7, 64]) expect([...readLines(path, size)], `chunk ${size}`).toEqual(lines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
