import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|astro|mjs)$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

describe('import boundaries', () => {
  it('only src/sources/** and the sync entry points know upstream formats', () => {
    const allowed = [/^src\/sources\//, /^src\/sync\//];
    const offenders: string[] = [];
    for (const f of files(join(root, 'src'))) {
      const rel = relative(root, f);
      if (allowed.some((a) => a.test(rel))) continue;
      for (const spec of imports(f)) if (/\/sources\//.test(spec)) offenders.push(`${rel} imports ${spec}`);
    }
    expect(offenders).toEqual([]);
  });

  it('nothing in src/ (tests aside) knows the simulator or the demo generator', () => {
    const offenders = files(join(root, 'src'))
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) =>
      imports(f)
        .filter((s) => /scripts\/(simulator|demo)/.test(s))
        .map((s) => `${relative(root, f)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('one upstream folder never imports another', () => {
    const offenders: string[] = [];
    for (const f of files(join(root, 'src/sources'))) {
      const own = relative(join(root, 'src/sources'), f).split('/')[0];
      for (const spec of imports(f)) {
        const m = /^\.\.\/([^./][^/]*)\//.exec(spec);
        if (m && m[1] !== own && own !== 'index.ts' && own !== 'types.ts') offenders.push(`${relative(root, f)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
