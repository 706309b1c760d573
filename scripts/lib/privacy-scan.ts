import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';

// Any script (zoë@exämple.org, jane@例え.jp). Written apart from maskEmail's pattern on
// purpose, as an independent check; masked text (`j…@example.org`) has `…` before the `@`,
// which is not a local-part character here, so it does not match.
const EMAIL = /[\p{L}\p{N}\p{M}._%+-]+@(?:[\p{L}\p{N}\p{M}-]+\.)+(?:\p{L}[\p{L}\p{M}]+|xn--[A-Za-z0-9-]+)/gu;
const TEXT = new Set(['.html', '.json', '.js', '.mjs', '.css', '.csv', '.svg', '.txt', '.xml', '.map']);
// Retina asset names (icon@2x.png) look like addresses and are not.
const NOT_EMAIL = /@(?:[0-9]x)\./;

export interface Finding {
  file: string;
  match: string;
}

/** A local part or domain longer than this is not an address (RFC 5321 allows 64 and 255). */
const WINDOW = 256;

/**
 * The addresses in a text. The pattern runs only on a window around each `@`:
 * run over a whole page it retries every letter of every long word (quadratic),
 * which made the scan of a 20k-page site slower than building it.
 */
export function emailsIn(text: string): string[] {
  const found: string[] = [];
  let end = -1;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at < end) continue;
    const start = Math.max(0, at - WINDOW);
    const window = text.slice(start, at + WINDOW);
    for (const m of window.matchAll(EMAIL)) {
      const atInMatch = start + m.index + m[0].indexOf('@');
      if (atInMatch !== at) continue;
      if (!NOT_EMAIL.test(m[0])) found.push(m[0]);
      end = start + m.index + m[0].length;
    }
  }
  return found;
}

/** Every e-mail-looking string in the built site: the build fails when there is one. */
export async function scanForEmails(dir: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (TEXT.has(extname(e.name))) {
        const text = await readFile(p, 'utf8');
        for (const match of emailsIn(text)) findings.push({ file: relative(dir, p), match });
      }
    }
  };
  await walk(dir);
  return findings;
}
