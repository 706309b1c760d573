/**
 * Real nova-specs files (see ../shared/reference-data/SOURCES.md): every path of the sample
 * classified by the layout reader, both `redirects` files parsed and their moves resolved to
 * paths the layout reads as the same spec, and the blueprint links of the specs' sources. The
 * files are read in place, never copied; the assertions are counts and shapes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyPath, detectLayout, readTree, type TreeFile } from '../../src/sources/specs/layout.ts';
import { specLinks } from '../../src/sources/specs/meta.ts';
import { parseRedirects } from '../../src/sources/specs/redirects.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = resolve(process.env.AGORA_REFERENCE_DATA ?? join(REPO, '..', 'shared', 'reference-data'));
const DIR = join(REFERENCE, 'specs', 'nova-specs');
const present = existsSync(join(DIR, 'specs'));
if (!present) console.warn(`specs layout conformance skipped: no reference data at ${DIR} (set AGORA_REFERENCE_DATA to the reference-data folder)`);

/** Every file under the sample, as repository paths (`specs/2024.1/redirects`). */
function paths(root: string): string[] {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [relative(root, join(dir, e.name)).split(sep).join('/')]));
  return walk(root).sort();
}

describe.skipIf(!present)('specs layout conformance with the nova-specs sample', () => {
  const all = present ? paths(DIR) : [];
  const read = (path: string) => readFileSync(join(DIR, path), 'utf8');

  it('reads the sample as nova-specs and classifies every path', () => {
    expect(detectLayout(all)).toBe('nova-specs');
    const classified = all.map((p) => classifyPath(p, 'nova-specs'));
    const specs = classified.filter((c) => c.spec);
    expect(specs).toHaveLength(6);
    for (const s of specs) expect(s).toMatchObject({ layout: 'nova-specs', release: '2024.1', statusText: 'approved', format: 'rst' });
    expect(new Set(specs.map((s) => s.key)).size).toBe(6);
    const reasons = classified.filter((c) => !c.spec).map((c) => (c.spec ? '' : c.reason));
    expect(reasons.sort()).toEqual(['redirects', 'redirects', 'template']);

    const tree = readTree(all.map((path): TreeFile => ({ path, type: 'file' })));
    expect(tree).toMatchObject({ layout: 'nova-specs', problems: [] });
    expect(tree.specs).toHaveLength(6);
    expect(tree.redirects.sort()).toEqual(['specs/2024.1/redirects', 'specs/juno/redirects']);
  });

  it('parses both redirects files into moves between places of one spec', () => {
    for (const file of ['specs/2024.1/redirects', 'specs/juno/redirects']) {
      const { moves, problems } = parseRedirects(read(file), file);
      const lines = read(file).split('\n').filter((l) => l.trim()).length;
      expect(problems).toEqual([]);
      expect(moves).toHaveLength(lines);
      for (const move of moves) {
        const from = classifyPath(move.from, 'nova-specs');
        const to = classifyPath(move.to, 'nova-specs');
        expect(from.spec && to.spec, `${file}:${move.line}`).toBe(true);
        if (!from.spec || !to.spec) continue;
        // A move keeps the spec's name and release; it goes into a status folder (the early
        // folder-less place reads as approved, so a move from it to approved/ keeps the status).
        expect(to.key).toBe(from.key);
        expect(to.release).toBe(from.release);
        expect(to.path).not.toBe(from.path);
        expect(['approved', 'implemented']).toContain(to.statusText);
      }
    }
    // The newer form moves approved/ to implemented/; the early one moves specs out of the release folder.
    expect(parseRedirects(read('specs/2024.1/redirects'), 'specs/2024.1/redirects').moves.every((m) => m.from.startsWith('specs/2024.1/approved/') && m.to.startsWith('specs/2024.1/implemented/'))).toBe(true);
    expect(parseRedirects(read('specs/juno/redirects'), 'specs/juno/redirects').moves.every((m) => /^specs\/juno\/[^/]+\.rst$/.test(m.from))).toBe(true);
  });

  it('finds a blueprint named like the file in every spec', () => {
    const specs = all.map((p) => classifyPath(p, 'nova-specs')).filter((c) => c.spec);
    for (const s of specs) {
      const links = specLinks(read(s.path));
      expect(links, s.path).toMatchObject({ blueprintProject: 'nova', blueprintName: s.key });
      expect(links.blueprint).toMatch(/^https:\/\/blueprints\.launchpad\.net\/nova\/\+spec\/[a-z0-9+.-]+$/);
    }
  });
});
