/**
 * The layering in README.md ("Architecture"), checked on every import in src/,
 * scripts/ and test/ (static, dynamic, re-exports, side-effect imports, and the
 * imports in .astro files).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? (e.name === 'node_modules' || e.name === '__fixtures__' ? [] : files(p)) : /\.(ts|astro|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Import {
  /** Importing file, relative to the repository root. */
  from: string;
  /** As written. */
  spec: string;
  /** A repository path for relative specifiers (`src/catalog/types.ts`), else the package (`astro`, `astro:content`, `d3-scale`). */
  target: string;
  typeOnly: boolean;
}

const IMPORT = /\b(?:import|export)\s+(type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const from = relative(root, file);
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = (m[2] ?? m[3])!;
    const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : spec;
    return { from, spec, target, typeOnly: Boolean(m[1]) };
  });
}

const all = ['src', 'scripts', 'test'].flatMap((d) => files(join(root, d))).flatMap(importsOf);
const isTest = (f: string) => /\.test\.ts$/.test(f) || f.startsWith('test/');
const show = (i: Import) => `${i.from} imports ${i.spec}`;
const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/** src/<layer>/… -> `src/<layer>` (files directly in src/ -> `src`). */
function layerOf(path: string): string | undefined {
  const m = /^src\/([^/]+)\//.exec(path);
  return m ? `src/${m[1]}` : path.startsWith('src/') ? 'src' : undefined;
}

/**
 * What each layer's modules (tests aside) may import from the others, as listed in
 * README.md. Own-layer imports and npm packages are always allowed (packages are
 * checked separately where it matters).
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'src/lib': [],
  'src/model': ['src/lib'],
  'src/config': ['src/lib', 'src/model'],
  'src/store': ['src/lib', 'src/model'],
  'src/sources': ['src/lib', 'src/model', 'src/config', 'src/store'],
  'src/sync': ['src/lib', 'src/model', 'src/config', 'src/store', 'src/sources'],
  'src/kinds': ['src/lib', 'src/model'],
  'src/catalog': ['src/lib', 'src/model', 'src/config', 'src/store', 'src/kinds'],
  'src/search': ['src/lib', 'src/model', 'src/kinds', 'src/catalog'],
  'src/charts': ['src/lib', 'src/catalog'],
  'src/components': ['src/lib', 'src/model', 'src/kinds', 'src/catalog', 'src/charts', 'src/search', 'src/styles'],
  'src/layouts': ['src/lib', 'src/model', 'src/kinds', 'src/catalog', 'src/charts', 'src/search', 'src/components', 'src/styles'],
  'src/pages': ['src/lib', 'src/model', 'src/kinds', 'src/catalog', 'src/charts', 'src/search', 'src/components', 'src/layouts', 'src/styles'],
  'src/styles': [],
  // src/plugin.ts: what a plugin author imports; it re-exports each registry's definers.
  src: ['src/lib', 'src/model', 'src/config', 'src/sources', 'src/kinds', 'src/charts'],
};

/** Upstreams that extend another one's public API (README: Architecture). */
const BUILT_ON: Record<string, string> = { pipermail: 'mbox', hyperkitty: 'mbox' };

describe('import boundaries', () => {
  it('finds the imports it checks', () => {
    // Guards the scanner itself: a regex that silently matched nothing would pass every rule.
    expect(all.some((i) => i.from === 'scripts/sync.ts' && i.target === 'src/sources/index.ts')).toBe(true);
    expect(all.some((i) => i.from.endsWith('.astro') && i.target.startsWith('src/layouts/'))).toBe(true);
    expect(all.some((i) => i.from === 'src/charts/activity.ts' && i.target === 'src/catalog/types.ts' && i.typeOnly)).toBe(true);
  });

  it('every src/ layer imports only the layers below it (README: Architecture)', () => {
    const offenders = all
      .filter((i) => !isTest(i.from) && layerOf(i.from) && layerOf(i.target))
      .filter((i) => {
        const own = layerOf(i.from)!;
        const to = layerOf(i.target)!;
        if (own === to) return false;
        const allowed = MAY_IMPORT[own];
        return allowed === undefined || !allowed.includes(to);
      })
      .map(show);
    expect(offenders).toEqual([]);
  });

  it('every folder under src/ is a known layer', () => {
    const dirs = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `src/${e.name}`);
    expect(dirs.filter((d) => !(d in MAY_IMPORT))).toEqual([]);
  });

  it('only src/sync (and src/sources itself) imports src/sources; scripts use only the registry and the driver types', () => {
    const offenders = all
      .filter((i) => under(i.target, 'src/sources') && !under(i.from, 'src/sources') && !under(i.from, 'src/sync') && !isTest(i.from))
      .filter((i) => !(i.from === 'src/plugin.ts' && i.target === 'src/sources/types.ts' && i.typeOnly))
      .filter((i) => {
        if (!i.from.startsWith('scripts/')) return true;
        if (i.target === 'src/sources/index.ts') return false;
        return !(i.target === 'src/sources/types.ts' && i.typeOnly);
      })
      .map(show);
    expect(offenders).toEqual([]);
  });

  it('nothing in src/ (tests aside) imports scripts/', () => {
    const offenders = all.filter((i) => i.from.startsWith('src/') && !isTest(i.from) && under(i.target, 'scripts')).map(show);
    expect(offenders).toEqual([]);
  });

  it('chart modules import no Astro or site code; only site.ts reads the catalog', () => {
    const chart = all.filter((i) => under(i.from, 'src/charts') && !isTest(i.from));
    const astroOrSite = chart
      .filter((i) => i.target === 'astro' || i.target.startsWith('astro:') || i.target.startsWith('astro/') || i.target.endsWith('.astro') || ['src/pages', 'src/components', 'src/layouts', 'src/styles'].some((d) => under(i.target, d)))
      .map(show);
    expect(astroOrSite).toEqual([]);
    // The renderers are pure: apart from the glue module, chart code sees the catalog only as types.
    const catalog = chart.filter((i) => i.from !== 'src/charts/site.ts' && under(i.target, 'src/catalog') && !(i.typeOnly && i.target === 'src/catalog/types.ts')).map(show);
    expect(catalog).toEqual([]);
  });

  it('no upstream folder imports another one; the registry imports only each driver index', () => {
    const offenders: string[] = [];
    for (const i of all) {
      if (!under(i.from, 'src/sources') || !under(i.target, 'src/sources')) continue;
      const fromType = i.from.split('/')[2]!;
      const toType = i.target.split('/')[2]!;
      const fromShared = fromType.endsWith('.ts');
      const toShared = toType.endsWith('.ts');
      if (toShared || fromType === toType) continue;
      // A shared module (index.ts, types.ts) may import a driver's public index.ts only; so may an
      // upstream built on another (pipermail and HyperKitty on mbox), never its inner modules.
      if (i.target === `src/sources/${toType}/index.ts` && (fromShared || BUILT_ON[fromType] === toType)) continue;
      offenders.push(show(i));
    }
    expect(offenders).toEqual([]);
  });

  it('nothing outside src/sources and tests reaches into an upstream folder', () => {
    const offenders = all.filter((i) => /^src\/sources\/[^/]+\//.test(i.target) && !under(i.from, 'src/sources') && !i.from.startsWith('test/')).map(show);
    expect(offenders).toEqual([]);
  });

  it('nothing in src/ (tests aside) knows the simulator or the demo generator', () => {
    const offenders = all.filter((i) => i.from.startsWith('src/') && !isTest(i.from) && /^scripts\/(simulator|demo)\//.test(i.target)).map(show);
    expect(offenders).toEqual([]);
  });
});
