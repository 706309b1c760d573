/**
 * Proof that the spine is general (issue 7, part 6): a kind declared only in
 * test code (test/plugins/notes/) is synced by the real sync command, stored,
 * rendered as pages by the real build, searched, counted in people's activity
 * and drawn in charts, with no line of src/ knowing it. The config names the
 * plugin under `plugins:`; everything else goes through the registries.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../../src/search/engine.ts';
import { fileFetcher } from '../../src/search/test-helpers.ts';
import { REPO_ROOT, tempDir } from './helpers.ts';

const run = promisify(execFile);
const PLUGIN = join(REPO_ROOT, 'test/plugins/notes/plugin.ts');

const ada = { username: 'ada', name: 'Ada Quillfeather' };
const brook = { username: 'brook', name: 'Brook Tanaka' };
const cyrus = { username: 'cyrus', name: 'Cyrus Hollowell' };
const NOTES = [
  { id: 'tomatoes', title: 'Staking tomatoes', notebook: 'garden', author: ada, created: '2025-01-10T09:00:00Z', updated: '2025-01-12T10:00:00Z', text: 'Use bamboo canes; the zucchetto bed needs more sun.', comments: [{ author: brook, when: '2025-01-12T10:00:00Z', text: 'Try the marigold border too.' }] },
  { id: 'compost', title: 'Compost rota', notebook: 'garden', author: brook, created: '2025-02-03T09:00:00Z', updated: '2025-02-03T09:00:00Z', text: 'Turn the heap fortnightly. Cyrus Hollowell said he would help.', comments: [{ author: cyrus, when: '2025-02-04T09:00:00Z', text: 'Happy to, on Sundays.' }] },
  { id: 'bread', title: 'Sourdough starter', notebook: 'kitchen', author: ada, created: '2025-03-01T09:00:00Z', updated: '2025-03-02T09:00:00Z', text: 'Feed it rye flour, 1:1:1, at the same hour daily.', comments: [] },
  { id: 'evil', title: '<script>window.__pwned = 1</script>Evil <img src=x onerror=alert(1)>', notebook: 'kitchen', author: brook, created: '2025-03-05T09:00:00Z', updated: '2025-03-05T09:00:00Z', text: '<b>not bold</b> javascript:alert(1)', comments: [] },
];

let work: string;
let out: string;
let sync: { stdout: string; stderr: string };
const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
const allHtml = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allHtml(join(dir, e.name)) : e.name.endsWith('.html') ? [readFileSync(join(dir, e.name), 'utf8')] : []));

beforeAll(async () => {
  work = await tempDir('plugin-kind');
  out = join(work, 'dist');
  const folder = join(work, 'notes');
  await mkdir(folder);
  for (const n of NOTES) await writeFile(join(folder, `${n.id}.json`), JSON.stringify(n));
  await writeFile(join(folder, 'broken.json'), '{"id": "broken", "title": ');
  const config = join(work, 'agora.config.yaml');
  await writeFile(
    config,
    ['site:', '  title: Notes portal', '  url: https://notes.example.org', 'data: content', `plugins: [${JSON.stringify(PLUGIN)}]`, 'privacy:', '  optOut: [cyrus]', 'sources:', '  - id: notes', '    type: notes', `    path: ${JSON.stringify(folder)}`, ''].join('\n'),
  );
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  sync = await run(process.execPath, ['--import', 'tsx', 'scripts/sync.ts', '--config', config], { cwd: REPO_ROOT, env });
  await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--config', config, '--out', out, '--quiet'], { cwd: REPO_ROOT, maxBuffer: 64 << 20, env });
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a kind declared only in test code, through the plugin registries', () => {
  it('is synced into the store, with the unreadable file reported and skipped', () => {
    const stored = readdirSync(join(work, 'content/notes/note'), { recursive: true }).filter((f) => String(f).endsWith('.json'));
    expect(stored).toHaveLength(NOTES.length);
    expect(`${sync.stdout}${sync.stderr}`).toMatch(/broken\.json/);
  });

  it('gets a list page and a page per item, in the site layout, with its words in the navigation', () => {
    const list = page('notes');
    expect(list).toContain('Staking tomatoes');
    expect(list).toMatch(/<a href="\/notes\/"[^>]*aria-current="page"[^>]*>Notes<\/a>/);
    const note = page('notes/notes/tomatoes');
    expect(note).toContain('<h1>Staking tomatoes</h1>');
    expect(note).toContain('zucchetto');
    expect(note).toContain('href="/people/notes/ada/"');
    expect(note).toContain('Try the marigold border too.');
    expect(note).toContain('href="/projects/garden/"');
    const home = page('');
    expect(home).toContain('Recent notes');
    expect(home).toMatch(/notebooks/);
  });

  it('escapes what the notes say', () => {
    const evil = page('notes/notes/evil');
    expect(evil).not.toMatch(/<script>window\.__pwned/);
    expect(evil).not.toMatch(/<img src=x/);
    expect(evil).toContain('&lt;script&gt;');
  });

  it("counts in people's activity, and honours the opt-out over its events", () => {
    const person = page('people/notes/ada');
    expect(person).toContain('notes written');
    expect(person).toContain('Sourdough starter');
    expect(person).toMatch(/>wrote</);
    expect(page('people/notes/brook')).toMatch(/commented on/);
    expect(existsSync(join(out, 'people/notes/cyrus'))).toBe(false);
    expect(allHtml(out).some((h) => h.includes('Cyrus') || h.includes('Hollowell'))).toBe(false);
    expect(page('people')).toContain('Brook Tanaka');
  });

  it('is drawn in its own registered chart and in the shared contributors chart', () => {
    const notes = JSON.parse(readFileSync(join(out, 'charts/notes/all.json'), 'utf8')) as { series: { points: { value: number }[] }[] };
    expect(notes.series[0]!.points.reduce((n, p) => n + p.value, 0)).toBe(NOTES.length);
    expect(existsSync(join(out, 'charts/notes/projects/kitchen/index.html'))).toBe(true);
    expect(existsSync(join(out, 'embed/notes/all/index.html'))).toBe(true);
    const people = JSON.parse(readFileSync(join(out, 'charts/contributors/all.json'), 'utf8')) as { series: { points: { month: string; value: number }[] }[] };
    const jan = people.series.reduce((n, s) => n + (s.points.find((p) => p.month === '2025-01')?.value ?? 0), 0);
    expect(jan).toBe(2);
    expect(page('charts')).toContain('Notes written per month');
  });

  it('is known to no file under src/: the catalog core, the layout and the chart library did not change for it', () => {
    const files = readdirSync(join(REPO_ROOT, 'src'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith('.test.ts'));
    // The ARIA role "note" is not the kind.
    const text = (e: (typeof files)[number]) => readFileSync(join(e.parentPath, e.name), 'utf8').replaceAll('role="note"', '');
    const mentions = files.filter((e) => /notebook|NOTE_KIND|['"]notes?['"]/i.test(text(e))).map((e) => e.name);
    expect(mentions).toEqual([]);
  });

  it('is found by the site search: words, names and titles a reader sees', async () => {
    const engine = new SearchEngine(fileFetcher(join(out, 'search')));
    const paths = async (q: string, kind?: string) => (await engine.search({ q, kind, limit: 10 })).hits.map((h) => h.path);
    expect((await paths('zucchetto'))[0]).toBe('notes/notes/tomatoes/');
    expect((await paths('sourdough'))[0]).toBe('notes/notes/bread/');
    expect(await paths('brook', 'person')).toEqual(['people/notes/brook/']);
    expect(await paths('garden', 'project')).toEqual(['projects/garden/']);
    // The person document lists what the person page shows: the titles of their notes.
    expect(await paths('sourdough', 'person')).toEqual(['people/notes/ada/']);
    expect(await paths('hollowell')).toEqual([]);
  });
});
