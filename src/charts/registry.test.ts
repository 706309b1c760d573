import { describe, expect, it } from 'vitest';
import { addMonths, allMonths, isMonth } from './series.ts';
import { chartById, CHARTS, defineChart, routeProblems, type ChartCatalog, type ChartContext } from './registry.ts';
import { RENDERERS } from './renderers.ts';
import { chartTable } from './table.ts';
import { textAlternative } from './text-alt.ts';
import { CHANGES } from './__fixtures__/changes.ts';
import { EVENTS, ORGS } from './__fixtures__/events.ts';
import { placeKey } from '../lib/places.ts';
import { Catalog } from '../catalog/catalog.ts';
import { defaultKinds } from '../kinds/index.ts';
import type { Change } from '../model/change.ts';
import { makeItem } from '../model/item.ts';
import { chartCatalog } from './site.ts';

const UNKNOWN = 'Unknown affiliation';
const catalog: ChartCatalog = {
  items: () => [],
  changes: CHANGES,
  events: EVENTS,
  projects: new Map(
    ['aurora/compute', 'aurora/docs'].map((name) => [placeKey('demo', name), { key: placeKey('demo', name), source: 'demo', name, slug: name }]),
  ),
  // The catalog names unknown people with UNKNOWN_ORG; the registry entry must not treat it as an organisation.
  people: new Map([...Object.entries(ORGS).map(([k, org]) => [k, { org }] as const), ['demo:9', { org: UNKNOWN }]]),
};
const context: ChartContext = { catalog, siteTitle: 'Demo', unknownOrg: UNKNOWN };

describe('the chart registry', () => {
  it('has the activity chart (its URLs stay) and the contributors chart', () => {
    expect(CHARTS.map((c) => [c.id, c.renderer])).toEqual([['activity', 'line'], ['contributors', 'stacked']]);
    expect(chartById('contributors')?.title).toBe('Active contributors by organisation');
    expect(chartById('nope')).toBeUndefined();
  });

  it('has clean, distinct routes for every chart and scope', () => {
    expect(routeProblems(CHARTS.map((c) => ({ id: c.id, scopes: c.scopes(catalog) })))).toEqual([]);
  });

  describe.each(CHARTS.map((c) => [c.id, c] as const))('%s', (_id, chart) => {
    const scopes = chart.scopes(catalog);
    const dataOf = chart.load(context);

    it('has words, a known renderer and the all scope first, then one per project', () => {
      expect(chart.title).toMatch(/^[A-Z]/);
      expect(chart.summary).toMatch(/\.$/);
      expect(Object.keys(RENDERERS)).toContain(chart.renderer);
      expect(scopes.map((s) => s.id)).toEqual(['all', 'projects/aurora/compute', 'projects/aurora/docs']);
      expect(scopes.slice(1).map((s) => s.project)).toEqual(['aurora/compute', 'aurora/docs']);
      expect(scopes.slice(1).map((s) => s.place)).toEqual([placeKey('demo', 'aurora/compute'), placeKey('demo', 'aurora/docs')]);
    });

    it.each(['all', 'projects/aurora/compute', 'projects/aurora/docs'])('gives %s zero-filled monthly data, an SVG, a table and a text alternative', (scopeId) => {
      const scope = scopes.find((s) => s.id === scopeId)!;
      const data = dataOf(scope);
      expect(data.title).toContain(scope.project ?? 'all projects');
      expect(data.series.length).toBeGreaterThan(0);
      const months = allMonths(data);
      expect(months.length).toBeGreaterThan(0);
      for (const s of data.series) {
        expect(s.points.map((p) => p.month), s.id).toEqual(months);
        expect(s.points.every((p) => isMonth(p.month) && Number.isFinite(p.value) && p.value >= 0)).toBe(true);
      }
      // Consecutive months, no gaps.
      months.slice(1).forEach((m, i) => expect(m).toBe(addMonths(months[i]!, 1)));
      const svg = RENDERERS[chart.renderer].render(data, { id: 'c' });
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
      expect(svg).toContain(`<title id="c-title">`);
      expect(chartTable(data).rows).toHaveLength(months.length);
      expect(textAlternative(data)).toMatch(/^(From|In) /);
    });
  });

  it('reads unknown affiliations as the Unknown band, not as an organisation', () => {
    const data = chartById('contributors')!.load(context)(CHARTS[1]!.scopes(catalog)[0]!);
    expect(data.series.map((s) => s.label)).toEqual(['Nimbus Systems', 'Bluefin Networks', 'Corvid Labs', UNKNOWN]);
    expect(data.series.filter((s) => s.label === UNKNOWN)).toHaveLength(1);
    expect(data.series.at(-1)!.tone).toBe('neutral');
  });

  it('reads the catalog once per load, whatever the number of scopes', () => {
    let passes = 0;
    const chart = defineChart({ id: 'x', title: 'X', summary: 'X.', renderer: 'line', scopes: () => [], prepare: () => ++passes, data: (n) => ({ title: `${n}`, description: '', unit: '', source: '', series: [] }) });
    const dataOf = chart.load(context);
    dataOf({ id: 'all', label: 'All' });
    dataOf({ id: 'projects/a', label: 'a', project: 'a', place: placeKey('demo', 'a') });
    expect(passes).toBe(1);
  });
});

describe('two sources with a project of the same name', () => {
  // Regression: both `docs` shared one scope (found by name) and one set of numbers.
  const docs = (source: string) => ({ key: placeKey(source, 'docs'), source, name: 'docs', slug: `${source}/docs` });
  const twoDocs: ChartCatalog = {
    ...catalog,
    changes: [
      { source: 'a', project: 'docs', status: 'NEW', created: '2024-01-10T00:00:00Z', updated: '2024-01-10T00:00:00Z', reviews: [] },
      { source: 'a', project: 'docs', status: 'NEW', created: '2024-01-11T00:00:00Z', updated: '2024-01-11T00:00:00Z', reviews: [] },
      { source: 'b', project: 'docs', status: 'NEW', created: '2024-01-12T00:00:00Z', updated: '2024-01-12T00:00:00Z', reviews: [] },
    ],
    events: [
      { source: 'a', who: 'demo:1', when: '2024-01-10T00:00:00Z', place: 'docs' },
      { source: 'b', who: 'demo:3', when: '2024-01-12T00:00:00Z', place: 'docs' },
    ],
    projects: new Map([docs('a'), docs('b')].map((p) => [p.key, p])),
  };

  it.each(CHARTS.map((c) => [c.id, c] as const))('%s: two scopes, with clean distinct routes and separate numbers', (_id, chart) => {
    const scopes = chart.scopes(twoDocs);
    expect(scopes.map((s) => s.id)).toEqual(['all', 'projects/a/docs', 'projects/b/docs']);
    expect(routeProblems([{ id: chart.id, scopes }])).toEqual([]);
    const dataOf = chart.load({ ...context, catalog: twoDocs });
    const [all, a, b] = scopes.map(dataOf);
    expect(a!.title).toMatch(/: docs \(a\)$/);
    expect(b!.title).toMatch(/: docs \(b\)$/);
    const first = (d: typeof a) => d!.series.map((s) => s.points[0]?.value);
    if (chart.id === 'activity') {
      expect([first(all), first(a), first(b)].map((v) => v[0])).toEqual([3, 2, 1]);
    } else {
      expect(a!.series.map((s) => s.label)).toEqual(['Nimbus Systems', UNKNOWN]);
      expect(b!.series.map((s) => s.label)).toEqual(['Corvid Labs', UNKNOWN]);
      expect(all!.series.map((s) => s.label)).toEqual(['Corvid Labs', 'Nimbus Systems', UNKNOWN]);
    }
  });
});

describe('charts of a real catalog with a project name in two sources', () => {
  const change = (source: string, n: number, project: string, created: string) => {
    const data: Change = {
      number: n, changeId: `I${n}`, project, branch: 'main', hashtags: [], subject: `Change ${n}`, status: 'NEW', owner: '1',
      created, updated: created, insertions: 1, deletions: 0, patchSets: [], votes: [], messages: [],
      accounts: { '1': { id: '1', name: `Owner ${source}`, username: `owner-${source}`, emailDomain: `${source}.example`, isBot: false } },
      url: `https://${source}.example/c/${n}`,
    };
    return makeItem({ source, type: 'gerrit', origin: `https://${source}.example`, kind: 'change', nativeId: n, updatedOn: created, data });
  };
  const full = new Catalog({ affiliations: { 'demo.example': 'Demo Org', 'mirror.example': 'Mirror Org' }, privacy: { optOut: [] } }, defaultKinds());
  full.add(change('demo', 1, 'docs', '2024-01-10T00:00:00Z'));
  full.add(change('demo', 2, 'docs', '2024-01-11T00:00:00Z'));
  full.add(change('demo', 3, 'solo', '2024-01-12T00:00:00Z'));
  full.add(change('mirror', 1, 'docs', '2024-03-10T00:00:00Z'));
  full.finish();
  const catalog = chartCatalog(full);
  const context: ChartContext = { catalog, siteTitle: 'Demo', unknownOrg: UNKNOWN };

  it.each(CHARTS.map((c) => [c.id, c] as const))('%s: one scope per place, keyed like the catalog, with its own numbers', (_id, chart) => {
    const scopes = chart.scopes(catalog);
    expect(scopes.map((s) => [s.id, s.label, s.place])).toEqual([
      ['all', 'All projects', undefined],
      ['projects/demo/docs', 'docs (demo)', full.place('demo', 'docs')!.key],
      ['projects/mirror/docs', 'docs (mirror)', full.place('mirror', 'docs')!.key],
      ['projects/solo', 'solo', full.place('demo', 'solo')!.key],
    ]);
    const dataOf = chart.load(context);
    const months = (scope: (typeof scopes)[number]) => allMonths(dataOf(scope));
    expect(months(scopes[1]!)).toEqual(['2024-01']);
    expect(months(scopes[2]!)).toEqual(['2024-03']);
    expect(dataOf(scopes[2]!).series[0]!.label).toBe(chart.id === 'activity' ? 'Changes opened' : 'Mirror Org');
  });
});

describe('routeProblems', () => {
  it('refuses ids and scopes that would break or share a URL', () => {
    const all = { id: 'all' };
    expect(
      routeProblems([
        { id: 'Activity', scopes: [all] },
        { id: 'dup', scopes: [all] },
        { id: 'dup', scopes: [all] },
        { id: 'x', scopes: [all, { id: 'dark' }, { id: 'dark/all' }, { id: 'projects/a.csv' }, { id: 'projects/../a' }, { id: 'projects/a' }, { id: 'projects/a' }] },
        { id: 'y', scopes: [{ id: 'projects/a' }] },
      ]),
    ).toEqual([
      'chart id "Activity" is not lower-case letters, digits and -',
      'chart id "dup" is registered twice',
      'chart x: scope "dark" would meet the dark embed (embed/x/dark/…)',
      'chart x: scope "dark/all" would meet the dark embed (embed/x/dark/…)',
      'chart x: scope "projects/a.csv" ends like a file the chart routes write',
      'chart x: scope "projects/../a" is not a clean path',
      'chart x: scope "projects/a" appears twice',
      'chart y has no "all" scope',
    ]);
  });
});
