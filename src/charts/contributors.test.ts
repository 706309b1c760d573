import { describe, expect, it, vi } from 'vitest';
import { contributorChartData, contributorSeries, organisationBands, type ContributorEvent } from './contributors.ts';
import { toCsv } from './export.ts';
import { ALL_SCOPE, projectScopes } from './scopes.ts';
import { placeKey } from '../lib/places.ts';
import { renderStackedChart } from './stacked-chart.ts';
import { chartTable } from './table.ts';
import { textAlternative } from './text-alt.ts';
import { EVENTS, orgOf } from './__fixtures__/events.ts';

const values = (s: { points: { month: string; value: number }[] }) => Object.fromEntries(s.points.map((p) => [p.month, p.value]));
const byLabel = (series: { label: string; points: { month: string; value: number }[] }[]) => Object.fromEntries(series.map((s) => [s.label, values(s)]));

describe('contributorSeries', () => {
  const result = contributorSeries(EVENTS, orgOf);

  it('counts each person once per UTC month under their organisation, zero-filled, unknown apart', () => {
    const { series } = organisationBands(result.total);
    expect(byLabel(series)).toEqual({
      'Nimbus Systems': { '2024-01': 1, '2024-02': 0, '2024-03': 0, '2024-04': 1 },
      'Bluefin Networks': { '2024-01': 0, '2024-02': 0, '2024-03': 1, '2024-04': 0 },
      'Corvid Labs': { '2024-01': 1, '2024-02': 0, '2024-03': 0, '2024-04': 0 },
      'Unknown affiliation': { '2024-01': 1, '2024-02': 0, '2024-03': 1, '2024-04': 0 },
    });
    expect(series.at(-1)).toMatchObject({ id: 'unknown', tone: 'neutral', total: 'none' });
  });

  it('keeps per-project scopes on their own people and months; events without a place count only for all', () => {
    const compute = organisationBands(result.projects.get(placeKey('demo', 'aurora/compute'))!).series;
    expect(byLabel(compute)).toEqual({
      'Bluefin Networks': { '2024-01': 0, '2024-02': 0, '2024-03': 1, '2024-04': 0 },
      'Corvid Labs': { '2024-01': 1, '2024-02': 0, '2024-03': 0, '2024-04': 0 },
      'Nimbus Systems': { '2024-01': 1, '2024-02': 0, '2024-03': 0, '2024-04': 1 },
      'Unknown affiliation': { '2024-01': 1, '2024-02': 0, '2024-03': 0, '2024-04': 0 },
    });
    // demo:1 had two events in aurora/docs in January: one person-month.
    expect(byLabel(organisationBands(result.projects.get(placeKey('demo', 'aurora/docs'))!).series)).toEqual({ 'Nimbus Systems': { '2024-01': 1 }, 'Unknown affiliation': { '2024-01': 0 } });
    expect([...result.projects.keys()].sort()).toEqual([placeKey('demo', 'aurora/compute'), placeKey('demo', 'aurora/docs')]);
  });

  it('asks for each person’s organisation once, and reads an empty name as unknown', () => {
    const lookup = vi.fn((who: string) => (who === 'demo:1' ? '' : orgOf(who)));
    const r = contributorSeries(EVENTS, lookup);
    expect(lookup).toHaveBeenCalledTimes(new Set(EVENTS.map((e) => e.who)).size);
    expect(values(organisationBands(r.total).series.at(-1)!)['2024-01']).toBe(2);
  });

  it('gives only an empty unknown band for no events', () => {
    expect(organisationBands(contributorSeries([], orgOf).total).series).toEqual([{ id: 'unknown', label: 'Unknown affiliation', total: 'none', tone: 'neutral', points: [] }]);
  });
});

describe('two sources with a project of the same name', () => {
  // Regression: events were grouped by place name, so both `docs` shared one scope and one set of people.
  const events: ContributorEvent[] = [
    { source: 'a', who: 'a:1', when: '2024-01-03T10:00:00Z', place: 'docs' },
    { source: 'a', who: 'a:2', when: '2024-01-04T10:00:00Z', place: 'docs' },
    { source: 'b', who: 'b:1', when: '2024-01-05T10:00:00Z', place: 'docs' },
    { source: 'b', who: 'b:1', when: '2024-02-05T10:00:00Z', place: 'docs' },
  ];
  const orgs: Record<string, string> = { 'a:1': 'Nimbus Systems', 'a:2': 'Corvid Labs', 'b:1': 'Nimbus Systems' };
  const series = contributorSeries(events, (who) => orgs[who]);
  const scopes = projectScopes([
    { key: placeKey('a', 'docs'), source: 'a', name: 'docs', slug: 'a/docs' },
    { key: placeKey('b', 'docs'), source: 'b', name: 'docs', slug: 'b/docs' },
  ]);

  it('get two scopes with distinct ids and their own people', () => {
    expect(scopes.map((s) => s.id)).toEqual(['all', 'projects/a/docs', 'projects/b/docs']);
    const [a, b] = [scopes[1]!, scopes[2]!].map((s) => contributorChartData(series, s, 'Demo'));
    expect(a!.title).toBe('Active contributors per month by organisation: docs (a)');
    expect(b!.description).toMatch(/^People active in docs \(b\) in each month/);
    expect(byLabel(a!.series)).toEqual({ 'Corvid Labs': { '2024-01': 1 }, 'Nimbus Systems': { '2024-01': 1 }, 'Unknown affiliation': { '2024-01': 0 } });
    expect(byLabel(b!.series)).toEqual({ 'Nimbus Systems': { '2024-01': 1, '2024-02': 1 }, 'Unknown affiliation': { '2024-01': 0, '2024-02': 0 } });
    // All projects: a:1 and b:1 are different people, both Nimbus, in January.
    expect(byLabel(contributorChartData(series, ALL_SCOPE, 'Demo').series)['Nimbus Systems']).toEqual({ '2024-01': 2, '2024-02': 1 });
  });
});

/** `n` people of organisation `org`, each active in January 2024 only. */
function crowd(org: string, n: number): { events: ContributorEvent[]; orgs: [string, string][] } {
  const people = Array.from({ length: n }, (_, i) => `${org}:${i}`);
  return { events: people.map((who) => ({ source: 's', who, when: '2024-01-10T00:00:00Z', place: 'p' })), orgs: people.map((who) => [who, org]) };
}

function world(sizes: Record<string, number>, unknown = 0) {
  const parts = Object.entries(sizes).map(([org, n]) => crowd(org, n));
  const orgs = new Map(parts.flatMap((p) => p.orgs));
  const strangers = Array.from({ length: unknown }, (_, i) => ({ source: 's', who: `nobody:${i}`, when: '2024-01-11T00:00:00Z', place: 'p' }));
  return contributorSeries([...parts.flatMap((p) => p.events), ...strangers], (who) => orgs.get(who));
}

describe('organisationBands: top organisations, Other and Unknown', () => {
  it('names the top 6 by person-months (ties by name), folds the rest into Other, keeps Unknown last even when largest', () => {
    const w = world({ A: 9, B: 8, C: 7, D: 6, E: 5, F: 5, G: 2, H: 1, I: 1 }, 20);
    const { series, folded } = organisationBands(w.total);
    expect(series.map((s) => s.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'Other (3 organisations)', 'Unknown affiliation']);
    expect(series.map((s) => s.points[0]!.value)).toEqual([9, 8, 7, 6, 5, 5, 4, 20]);
    expect(series[6]).toMatchObject({ id: 'other', tone: 'other' });
    expect(folded).toEqual(['G', 'H', 'I']);
  });

  it('ranks over the whole range, not one month', () => {
    const orgs = new Map([['a', 'Early'], ['b', 'Steady'], ['c', 'Steady2']]);
    const events = [
      ...['2024-01', '2024-02', '2024-03'].flatMap((m) => [{ source: 's', who: 'b', when: `${m}-05T00:00:00Z` }, { source: 's', who: 'c', when: `${m}-05T00:00:00Z` }]),
      { source: 's', who: 'a', when: '2024-01-01T00:00:00Z' },
    ];
    expect(organisationBands(contributorSeries(events, (w) => orgs.get(w)).total, 1).series.map((s) => s.label)).toEqual(['Steady', 'Other (2 organisations)', 'Unknown affiliation']);
  });

  it('names a single leftover organisation instead of folding it alone', () => {
    const { series, folded } = organisationBands(world({ A: 7, B: 6, C: 5, D: 4, E: 3, F: 2, G: 1 }).total);
    expect(series.map((s) => s.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'Unknown affiliation']);
    expect(folded).toEqual([]);
  });

  it('gives distinct, stable ids to names that slug alike and to an organisation called Other', () => {
    const { series } = organisationBands(world({ 'A&B': 3, 'A B': 2, Other: 1 }).total);
    expect(series.map((s) => s.id)).toEqual(['org-a-b', 'org-a-b-2', 'org-other', 'unknown']);
  });

  it('rejects a top that is not a whole number', () => {
    expect(() => organisationBands(world({ A: 1 }).total, -1)).toThrow('invalid contributors chart top: -1');
    expect(() => organisationBands(world({ A: 1 }).total, 1.5)).toThrow('invalid contributors chart top: 1.5');
  });
});

describe('contributorChartData, table, text alternative and downloads', () => {
  const w = world({ A: 9, B: 8, C: 7, D: 6, E: 5, F: 5, G: 2, H: 1 }, 3);
  const data = contributorChartData(w, ALL_SCOPE, 'Demo');

  it('names the scope and says how the bands were chosen', () => {
    expect(data.title).toBe('Active contributors per month by organisation: all projects');
    expect(data.description).toBe('People active in all projects in each month (UTC), by organisation: the 6 organisations with the most person-months, then "Other" (G and H), then people whose affiliation is not known.');
    expect(data.stackTotal).toEqual({ id: 'total', label: 'All active contributors', sumUnit: 'person-months' });
    expect(contributorChartData(w, { id: 'projects/p', label: 'p', project: 'p', place: placeKey('s', 'p') }, 'Demo').title).toBe('Active contributors per month by organisation: p');
    const few = contributorChartData(world({ A: 2, B: 1 }), ALL_SCOPE, 'Demo');
    expect(few.description).toBe('People active in all projects in each month (UTC), by organisation: all 2 organisations, then people whose affiliation is not known.');
  });

  it('has empty bands for a project without events', () => {
    const none = contributorChartData(w, { id: 'projects/x', label: 'x', project: 'x', place: placeKey('s', 'x') }, 'Demo');
    expect(none.series.every((s) => s.points.length === 0)).toBe(true);
    expect(renderStackedChart(none, { id: 'none' })).toContain('No data yet');
  });

  it('tables each band and the stack total, without totals over months (people are counted per month)', () => {
    const t = chartTable(data);
    expect(t.columns.map((c) => c.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'Other (2 organisations)', 'Unknown affiliation', 'All active contributors']);
    expect(t.rows.map((r) => r.cells)).toEqual([['9', '8', '7', '6', '5', '5', '3', '3', '46']]);
    expect(t.totals.every((x) => x === undefined)).toBe(true);
  });

  it('summarises the whole and each band’s share', () => {
    expect(textAlternative(data)).toBe(
      'In January 2024. All active contributors: 46 per month on average, highest in January 2024 (46). ' +
        'Share of the 46 person-months: A 20%, B 17%, C 15%, D 13%, E 11%, F 11%, Other (2 organisations) 7%, Unknown affiliation 7%.',
    );
  });

  it('writes the stack total as the last CSV column', () => {
    expect(toCsv(data).split('\r\n')[0]).toBe('month,A,B,C,D,E,F,Other (2 organisations),Unknown affiliation,All active contributors');
    expect(toCsv(data).split('\r\n')[1]).toBe('2024-01,9,8,7,6,5,5,3,3,46');
  });

  it('keeps hostile organisation names as text', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const d = contributorChartData(world({ [evil]: 2 }), ALL_SCOPE, 'Demo');
    const svg = renderStackedChart(d, { id: 'evil' });
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
