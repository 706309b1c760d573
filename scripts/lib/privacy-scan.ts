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

/** Every e-mail-looking string in the built site: the build fails when there is one. */
export async function scanForEmails(dir: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (TEXT.has(extname(e.name))) {
        const text = await readFile(p, 'utf8');
        for (const m of text.matchAll(EMAIL)) {
          if (!NOT_EMAIL.test(m[0])) findings.push({ file: relative(dir, p), match: m[0] });
        }
      }
    }
  };
  await walk(dir);
  return findings;
}
