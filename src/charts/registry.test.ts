import { describe, expect, it } from 'vitest';
import { addMonths, allMonths, isCategoryChart, isMonth } from './series.ts';
import { chartById, CHARTS, defineChart, routeProblems, type ChartCatalog, type ChartContext } from './registry.ts';
import { RENDERERS } from './renderers.ts';
import { chartTable } from './table.ts';
import { textAlternative } from './text-alt.ts';
import { CHANGES } from './__fixtures__/changes.ts';
import { EVENTS, ORGS } from './__fixtures__/events.ts';
import { MAIL_EVENTS, MAIL_MESSAGES, MAIL_THREADS } from './__fixtures__/mail.ts';
import { ACTIONS, MEETINGS } from './__fixtures__/meetings.ts';
import { SPEC_MILESTONES, SPECS } from './__fixtures__/specs.ts';
import { placeKey } from '../lib/places.ts';
import { Catalog } from '../catalog/catalog.ts';
import { defaultKinds } from '../kinds/index.ts';
import type { Change } from '../model/change.ts';
import { makeItem } from '../model/item.ts';
import { MESSAGE_KIND as MODEL_MESSAGE_KIND, THREAD_KIND as MODEL_THREAD_KIND, type Message, type Thread } from '../model/mail.ts';
import { MEETING_KIND as MODEL_MEETING_KIND, type Meeting } from '../model/meeting.ts';
import { SPEC_KIND as MODEL_SPEC_KIND, type Spec, type SpecStep } from '../model/spec.ts';
import { JOB_MONTH_KIND as MODEL_JOB_MONTH_KIND, type JobMonth } from '../model/jobs.ts';
import type { JobMonthSummary } from '../catalog/types.ts';
import { ALL_JOB_SOURCES_SCOPE, JOB_MONTH_KIND } from './job-trends.ts';
import { controlProblems } from './views.ts';
import { MESSAGE_KIND, THREAD_KIND } from './lists.ts';
import { ALL_TEAMS_SCOPE, MEETING_KIND } from './meetings.ts';
import { ALL_SPECS_SCOPE, SPEC_KIND } from './specs.ts';
import { scopeWords, type ChartScope } from './scopes.ts';
import { chartCatalog } from './site.ts';

const UNKNOWN = 'Unknown affiliation';
/** The charts of code review, and those of mailing lists (whose scopes are lists only). */
const REVIEW_CHARTS = ['activity', 'contributors'];
const LIST_CHARTS = ['list-activity', 'new-posters', 'replied-threads', 'first-reply'];
/** The charts of IRC meetings (whose scopes are teams only). */
const MEETING_CHARTS = ['meetings-held', 'meeting-attendance', 'action-items'];
/** The charts of design specs (whose scopes are places with specs only). */
const SPEC_CHARTS = ['specs-lifecycle', 'spec-approval-time'];
/** The job-listing chart (whose scopes are job sources only). */
const JOB_CHARTS = ['job-trends'];
/** Series of rates (a share, a median): a month with nothing to measure has no point. */
const RATE_SERIES = ['replied', 'median-hours', 'median-people', 'median-days'];
const reviewCharts = CHARTS.filter((c) => REVIEW_CHARTS.includes(c.id));

const catalog: ChartCatalog = {
  items: () => [],
  changes: CHANGES,
  // The fixture's activity events, as the catalog has them (of a kind, on an item).
  events: EVENTS.map((e, i) => ({ ...e, kind: 'change', item: `demo:${i}` })),
  projects: new Map(
    ['aurora/compute', 'aurora/docs'].map((name) => [placeKey('demo', name), { key: placeKey('demo', name), source: 'demo', name, slug: name }]),
  ),
  // The catalog names unknown people with UNKNOWN_ORG; the registry entry must not treat it as an organisation.
  people: new Map([...Object.entries(ORGS).map(([k, org]) => [k, { org }] as const), ['demo:9', { org: UNKNOWN }]]),
  meetingActions: () => [],
  specMilestones: () => [],
};
const context: ChartContext = { catalog, siteTitle: 'Demo', unknownOrg: UNKNOWN };

/** Three lists (two named `aurora-dev`, in two sources) and a code-review project without mail. */
const listPlace = (source: string, name: string, slug: string) => ({ key: placeKey(source, name), source, name, slug });
const mailCatalog: ChartCatalog = {
  items: (kind) => (kind === MESSAGE_KIND ? MAIL_MESSAGES : kind === THREAD_KIND ? MAIL_THREADS : []),
  changes: [],
  events: MAIL_EVENTS,
  projects: new Map(
    [listPlace('demo', 'aurora-dev', 'demo/aurora-dev'), listPlace('mirror', 'aurora-dev', 'mirror/aurora-dev'), listPlace('demo', 'aurora-users', 'aurora-users'), listPlace('demo', 'aurora/compute', 'aurora/compute')].map((p) => [p.key, p]),
  ),
  people: new Map(),
  meetingActions: () => [],
  specMilestones: () => [],
};
const mailContext: ChartContext = { ...context, catalog: mailCatalog };
const LIST_SCOPES = ['all', 'projects/aurora-users', 'projects/demo/aurora-dev', 'projects/mirror/aurora-dev'];
/** Three teams (two named `alpha`, in two sources), a list and a code-review project without meetings. */
const meetingCatalog: ChartCatalog = {
  ...mailCatalog,
  items: (kind) => (kind === MEETING_KIND ? MEETINGS : mailCatalog.items(kind)),
  projects: new Map(
    [listPlace('demo', 'alpha', 'demo/alpha'), listPlace('mirror', 'alpha', 'mirror/alpha'), listPlace('demo', 'beta', 'beta'), listPlace('demo', 'aurora-dev', 'demo/aurora-dev'), listPlace('demo', 'aurora/compute', 'aurora/compute')].map((p) => [p.key, p]),
  ),
  meetingActions: () => ACTIONS,
};
const meetingContext: ChartContext = { ...context, catalog: meetingCatalog };
const MEETING_SCOPES = ['all', 'projects/beta', 'projects/demo/alpha', 'projects/mirror/alpha'];
/** Three places with specs (two named `nova-specs`, in two sources), a team and a code-review project without specs. */
const specCatalog: ChartCatalog = {
  ...meetingCatalog,
  items: (kind) => (kind === SPEC_KIND ? SPECS : meetingCatalog.items(kind)),
  projects: new Map(
    [listPlace('demo', 'nova-specs', 'demo/nova-specs'), listPlace('mirror', 'nova-specs', 'mirror/nova-specs'), listPlace('demo', 'sig-node', 'sig-node'), listPlace('demo', 'beta', 'beta'), listPlace('demo', 'aurora/compute', 'aurora/compute')].map((p) => [p.key, p]),
  ),
  specMilestones: () => SPEC_MILESTONES,
};
const specContext: ChartContext = { ...context, catalog: specCatalog };
const SPEC_SCOPES = ['all', 'projects/demo/nova-specs', 'projects/mirror/nova-specs', 'projects/sig-node'];
const REVIEW_SCOPES = ['all', 'projects/aurora/compute', 'projects/aurora/docs'];
/** Two job sources: Hacker News threads (Jan–Mar, March not over) and a board's file (Feb only). */
const jobMonth = (source: string, type: string, month: string, postings: number, counts: Record<string, number>, complete = true): JobMonthSummary => ({
  key: `${source}:${month}`, kind: 'job-month', type, source, title: `Job postings, ${month}`, updated: `${month}-01T00:00:00Z`, path: 'charts/',
  month, postings, counts, complete, excluded: {}, threads: 1,
});
const JOB_MONTHS = [
  jobMonth('hn', 'hn-hiring', '2024-01', 300, { Python: 30, OpenStack: 3 }),
  jobMonth('hn', 'hn-hiring', '2024-02', 280, { Python: 28, OpenStack: 7 }),
  jobMonth('hn', 'hn-hiring', '2024-03', 90, { Python: 12, OpenStack: 4 }, false),
  jobMonth('board', 'jobs-csv', '2024-02', 40, { Python: 4, OpenStack: 1 }),
];
const jobCatalog: ChartCatalog = { ...specCatalog, items: (kind) => (kind === JOB_MONTH_KIND ? JOB_MONTHS : specCatalog.items(kind)) };
const jobContext: ChartContext = { ...context, catalog: jobCatalog };
const JOB_SCOPES = ['all', 'sources/board', 'sources/hn'];

describe('the chart registry', () => {
  it('has the activity chart (its URLs stay), the contributors chart, the list charts, the meeting charts and the spec charts', () => {
    expect(CHARTS.map((c) => [c.id, c.renderer])).toEqual([
      ['activity', 'line'],
      ['contributors', 'stacked'],
      ['list-activity', 'line'],
      ['new-posters', 'line'],
      ['replied-threads', 'line'],
      ['first-reply', 'line'],
      ['meetings-held', 'stacked'],
      ['meeting-attendance', 'line'],
      ['action-items', 'line'],
      ['specs-lifecycle', 'bars'],
      ['spec-approval-time', 'bars'],
      ['job-trends', 'line'],
    ]);
    expect(CHARTS.map((c) => c.id)).toEqual([...REVIEW_CHARTS, ...LIST_CHARTS, ...MEETING_CHARTS, ...SPEC_CHARTS, ...JOB_CHARTS]);
    expect(chartById('contributors')?.title).toBe('Active contributors by organisation');
    expect(chartById('nope')).toBeUndefined();
  });

  it('names the mail, meeting, spec and job kinds as the model does (chart code may not import it)', () => {
    expect([MESSAGE_KIND, THREAD_KIND, MEETING_KIND, SPEC_KIND, JOB_MONTH_KIND]).toEqual([MODEL_MESSAGE_KIND, MODEL_THREAD_KIND, MODEL_MEETING_KIND, MODEL_SPEC_KIND, MODEL_JOB_MONTH_KIND]);
  });

  it('has clean, distinct routes for every chart and scope', () => {
    expect(routeProblems(CHARTS.map((c) => ({ id: c.id, scopes: c.scopes(catalog) })))).toEqual([]);
    expect(routeProblems(CHARTS.map((c) => ({ id: c.id, scopes: c.scopes(mailCatalog) })))).toEqual([]);
    expect(routeProblems(CHARTS.map((c) => ({ id: c.id, scopes: c.scopes(meetingCatalog) })))).toEqual([]);
    expect(routeProblems(CHARTS.map((c) => ({ id: c.id, scopes: c.scopes(specCatalog) })))).toEqual([]);
    expect(routeProblems(CHARTS.map((c) => ({ id: c.id, scopes: c.scopes(jobCatalog) })))).toEqual([]);
  });

  describe.each(CHARTS.map((c) => [c.id, c] as const))('%s', (id, chart) => {
    const lists = LIST_CHARTS.includes(id);
    const meetings = MEETING_CHARTS.includes(id);
    const specs = SPEC_CHARTS.includes(id);
    const jobs = JOB_CHARTS.includes(id);
    const scopes = chart.scopes(lists ? mailCatalog : meetings ? meetingCatalog : specs ? specCatalog : jobs ? jobCatalog : catalog);
    const dataOf = chart.load(lists ? mailContext : meetings ? meetingContext : specs ? specContext : jobs ? jobContext : context);

    it('has words, a known renderer and the all scope first, then one per project (per list for the list charts)', () => {
      expect(chart.title).toMatch(/^[A-Z]/);
      expect(chart.summary).toMatch(/\.$/);
      expect(Object.keys(RENDERERS)).toContain(chart.renderer);
      if (lists) {
        // Not the code-review project aurora/compute: it has no messages.
        expect(scopes.map((s) => s.id)).toEqual(LIST_SCOPES);
        expect(scopes.map((s) => s.label)).toEqual(['All lists', 'aurora-users', 'aurora-dev (demo)', 'aurora-dev (mirror)']);
        expect(scopes.slice(1).map((s) => s.place)).toEqual([placeKey('demo', 'aurora-users'), placeKey('demo', 'aurora-dev'), placeKey('mirror', 'aurora-dev')]);
        return;
      }
      if (meetings) {
        // Not the list or the code-review project: they have no meetings.
        expect(scopes.map((s) => s.id)).toEqual(MEETING_SCOPES);
        expect(scopes.map((s) => s.label)).toEqual(['All teams', 'beta', 'alpha (demo)', 'alpha (mirror)']);
        expect(scopes.slice(1).map((s) => s.place)).toEqual([placeKey('demo', 'beta'), placeKey('demo', 'alpha'), placeKey('mirror', 'alpha')]);
        return;
      }
      if (specs) {
        // Not the team or the code-review project: they have no specs.
        expect(scopes.map((s) => s.id)).toEqual(SPEC_SCOPES);
        expect(scopes.map((s) => s.label)).toEqual(['All specs', 'nova-specs (demo)', 'nova-specs (mirror)', 'sig-node']);
        expect(scopes.slice(1).map((s) => s.place)).toEqual([placeKey('demo', 'nova-specs'), placeKey('mirror', 'nova-specs'), placeKey('demo', 'sig-node')]);
        return;
      }
      if (jobs) {
        // One scope per job source, by its id; no place, project or list has job postings.
        expect(scopes.map((s) => s.id)).toEqual(JOB_SCOPES);
        expect(scopes.map((s) => [s.label, s.source, s.place])).toEqual([['All job sources', undefined, undefined], ['board', 'board', undefined], ['hn', 'hn', undefined]]);
        return;
      }
      expect(scopes.map((s) => s.id)).toEqual(REVIEW_SCOPES);
      expect(scopes.slice(1).map((s) => s.project)).toEqual(['aurora/compute', 'aurora/docs']);
      expect(scopes.slice(1).map((s) => s.place)).toEqual([placeKey('demo', 'aurora/compute'), placeKey('demo', 'aurora/docs')]);
    });

    // The spec charts are per release: a category axis, drawn as bars.
    it.each(specs ? SPEC_SCOPES : [])('gives %s data per release (counts on every release), bars, a table and a text alternative', (scopeId) => {
      const scope = scopes.find((s) => s.id === scopeId)!;
      const data = dataOf(scope);
      expect(chart.renderer).toBe('bars');
      expect(data.title).toContain(scopeWords(scope));
      expect(data.title).toMatch(/per release: /);
      expect(isCategoryChart(data)).toBe(true);
      const releases = data.axis!.categories.map((c) => c.id);
      expect(releases.length).toBeGreaterThan(0);
      expect(new Set(releases).size).toBe(releases.length);
      for (const s of data.series) {
        // Points in axis order; counts on every release, a median only where something was measured.
        const keys = s.points.map((p) => p.month);
        expect(keys, s.id).toEqual(RATE_SERIES.includes(s.id) ? releases.filter((r) => keys.includes(r)) : releases);
        expect(s.points.every((p) => Number.isFinite(p.value) && p.value >= 0)).toBe(true);
      }
      const svg = RENDERERS[chart.renderer].render(data, { id: 'c' });
      expect(svg).toMatch(/^<svg [^>]*class="agora-chart bar-chart"[^>]*role="img"/);
      expect(svg).not.toMatch(/NaN/);
      expect(chartTable(data).rows).toHaveLength(releases.length);
      expect(chartTable(data).axisLabel).toBe('Release');
      expect(textAlternative(data)).toMatch(/^By release: /);
    });

    it.each(specs ? [] : lists ? LIST_SCOPES : meetings ? MEETING_SCOPES : jobs ? JOB_SCOPES : REVIEW_SCOPES)('gives %s monthly data (zero-filled counts), an SVG, a table and a text alternative', (scopeId) => {
      const scope = scopes.find((s) => s.id === scopeId)!;
      const data = dataOf(scope);
      expect(data.title).toContain(scopeWords(scope));
      expect(data.title).toContain(scope.project ?? scope.source ?? (lists ? 'all lists' : meetings ? 'all teams' : jobs ? 'all job sources' : 'all projects'));
      expect(data.axis).toBeUndefined();
      expect(data.series.length).toBeGreaterThan(0);
      const months = allMonths(data);
      expect(months.length).toBeGreaterThan(0);
      for (const s of data.series) {
        if (RATE_SERIES.includes(s.id)) expect(months, s.id).toEqual(expect.arrayContaining(s.points.map((p) => p.month)));
        else expect(s.points.map((p) => p.month), s.id).toEqual(months);
        expect(s.points.every((p) => isMonth(p.month) && Number.isFinite(p.value) && p.value >= 0)).toBe(true);
        if (id === 'replied-threads') expect(s.points.every((p) => p.value <= 100)).toBe(true);
      }
      // Ascending; counts in consecutive months, with no gaps.
      expect([...months].sort()).toEqual(months);
      if (!data.series.every((s) => RATE_SERIES.includes(s.id))) months.slice(1).forEach((m, i) => expect(m).toBe(addMonths(months[i]!, 1)));
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
  // Regression: both `docs` shared one scope (found by name) and one set of numbers. (The list charts' own case is below.)
  const docs = (source: string) => ({ key: placeKey(source, 'docs'), source, name: 'docs', slug: `${source}/docs` });
  const twoDocs: ChartCatalog = {
    ...catalog,
    changes: [
      { source: 'a', project: 'docs', status: 'NEW', created: '2024-01-10T00:00:00Z', updated: '2024-01-10T00:00:00Z', reviews: [] },
      { source: 'a', project: 'docs', status: 'NEW', created: '2024-01-11T00:00:00Z', updated: '2024-01-11T00:00:00Z', reviews: [] },
      { source: 'b', project: 'docs', status: 'NEW', created: '2024-01-12T00:00:00Z', updated: '2024-01-12T00:00:00Z', reviews: [] },
    ],
    events: [
      { source: 'a', who: 'demo:1', when: '2024-01-10T00:00:00Z', place: 'docs', kind: 'change', item: 'a:1' },
      { source: 'b', who: 'demo:3', when: '2024-01-12T00:00:00Z', place: 'docs', kind: 'change', item: 'b:1' },
    ],
    projects: new Map([docs('a'), docs('b')].map((p) => [p.key, p])),
  };

  it.each(reviewCharts.map((c) => [c.id, c] as const))('%s: two scopes, with clean distinct routes and separate numbers', (_id, chart) => {
    const scopes = chart.scopes(twoDocs);
    expect(scopes.map((s) => s.id)).toEqual(['all', 'projects/a/docs', 'projects/b/docs']);
    expect(routeProblems([{ id: chart.id, scopes }])).toEqual([]);
    const dataOf = chart.load({ ...context, catalog: twoDocs });
    const [all, a, b] = scopes.map((s) => dataOf(s));
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

  it.each(reviewCharts.map((c) => [c.id, c] as const))('%s: one scope per place, keyed like the catalog, with its own numbers', (_id, chart) => {
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

describe('the list charts', () => {
  const listCharts = CHARTS.filter((c) => LIST_CHARTS.includes(c.id));
  const firstValues = (id: string, scope: ChartScope) => chartById(id)!.load(mailContext)(scope).series.map((s) => s.points[0]);

  it('keep two sources’ lists of the same name apart', () => {
    const [, , demoDev, mirrorDev] = chartById('list-activity')!.scopes(mailCatalog);
    expect(firstValues('list-activity', demoDev!)).toEqual([{ month: '2024-01', value: 3 }, { month: '2024-01', value: 2 }]);
    expect(firstValues('list-activity', mirrorDev!)).toEqual([{ month: '2024-01', value: 2 }, { month: '2024-01', value: 2 }]);
    expect(firstValues('replied-threads', demoDev!)).toEqual([{ month: '2024-01', value: 50 }]);
    expect(firstValues('replied-threads', mirrorDev!)).toEqual([{ month: '2024-01', value: 100 }]);
  });

  it.each(listCharts.map((c) => [c.id, c] as const))('%s: only the all scope, with no data, on a site without mail', (_id, chart) => {
    expect(chart.scopes(catalog)).toEqual([{ id: 'all', label: 'All lists', words: 'all lists' }]);
    const data = chart.load(context)(chart.scopes(catalog)[0]!);
    expect(allMonths(data)).toEqual([]);
    expect(textAlternative(data)).toMatch(/: all lists: no data yet\.$/);
    expect(RENDERERS[chart.renderer].render(data, { id: 'c' })).toContain('No data yet');
  });
});

describe('list charts of a real catalog: bots and opted-out people', () => {
  const SOURCE = 'lists';
  const author = (id: string, isBot = false) => ({ id, name: id === 'hidden' ? 'Hidden Person' : `Person ${id}`, emailDomain: 'example.org', isBot });
  const message = (key: string, thread: string, who: ReturnType<typeof author>, date: string, isReply: boolean) => {
    const data: Message = { key, messageId: `<${key}@example.org>`, references: [], list: 'dev', month: date.slice(0, 7), subject: `Subject ${thread}`, isReply, author: who, date, dateKnown: true, segments: [], attachments: [], flags: [] };
    return makeItem({ source: SOURCE, type: 'pipermail', origin: 'https://lists.example.org', kind: MODEL_MESSAGE_KIND, nativeId: key, updatedOn: date, data });
  };
  const thread = (key: string, posts: [string, string, string][]) => {
    const data: Thread = {
      key, list: 'dev', subject: `Subject ${key}`, firstDate: posts[0]![2], lastDate: posts.at(-1)![2],
      messages: posts.map(([m, who, date], i) => ({ key: m, messageId: `<${m}@example.org>`, references: [], subject: `Subject ${key}`, depth: i ? 1 : 0, author: who, date })),
    };
    return makeItem({ source: SOURCE, type: 'pipermail', origin: 'https://lists.example.org', kind: MODEL_THREAD_KIND, nativeId: key, updatedOn: posts.at(-1)![2], data });
  };
  const [ada, bob, ci, hidden] = [author('ada'), author('bob'), author('ci', true), author('hidden')];
  const full = new Catalog({ affiliations: {}, privacy: { optOut: ['Hidden Person'] } }, defaultKinds());
  // t1: Ada asks; only the CI bot and someone who opted out answer. t2: the bot's report, answered by Ada. t3: Bob asks, Ada answers in 2 hours.
  full.add(message('m1', 't1', ada, '2024-01-10T00:00:00Z', false));
  full.add(message('m2', 't1', ci, '2024-01-10T01:00:00Z', true));
  full.add(message('m3', 't1', hidden, '2024-01-11T00:00:00Z', true));
  full.add(message('m4', 't2', ci, '2024-01-12T00:00:00Z', false));
  full.add(message('m5', 't2', ada, '2024-01-12T03:00:00Z', true));
  full.add(message('m6', 't3', bob, '2024-02-01T00:00:00Z', false));
  full.add(message('m7', 't3', ada, '2024-02-01T02:00:00Z', true));
  full.add(thread('t1', [['m1', 'ada', '2024-01-10T00:00:00Z'], ['m2', 'ci', '2024-01-10T01:00:00Z'], ['m3', 'hidden', '2024-01-11T00:00:00Z']]));
  full.add(thread('t2', [['m4', 'ci', '2024-01-12T00:00:00Z'], ['m5', 'ada', '2024-01-12T03:00:00Z']]));
  full.add(thread('t3', [['m6', 'bob', '2024-02-01T00:00:00Z'], ['m7', 'ada', '2024-02-01T02:00:00Z']]));
  // A code-review project in another source: no list charts for it.
  const change: Change = {
    number: 1, changeId: 'I1', project: 'tool', branch: 'main', hashtags: [], subject: 'Change 1', status: 'NEW', owner: '1',
    created: '2024-01-05T00:00:00Z', updated: '2024-01-05T00:00:00Z', insertions: 1, deletions: 0, patchSets: [], votes: [], messages: [],
    accounts: { '1': { id: '1', name: 'Owner', username: 'owner', emailDomain: 'example.org', isBot: false } },
    url: 'https://review.example.org/c/1',
  };
  full.add(makeItem({ source: 'review', type: 'gerrit', origin: 'https://review.example.org', kind: 'change', nativeId: 1, updatedOn: change.updated, data: change }));
  full.finish();
  const realContext: ChartContext = { catalog: chartCatalog(full), siteTitle: 'Demo', unknownOrg: UNKNOWN };
  const data = (id: string) => {
    const chart = chartById(id)!;
    const scopes = chart.scopes(realContext.catalog);
    expect(scopes.map((s) => [s.id, s.label, s.place])).toEqual([['all', 'All lists', undefined], ['projects/dev', 'dev', full.place(SOURCE, 'dev')!.key]]);
    const dataOf = chart.load(realContext);
    const [all, dev] = scopes.map((s) => dataOf(s));
    // One list: its numbers are all lists'.
    expect(dev!.series).toEqual(all!.series);
    expect(dev!.title).toMatch(/: dev$/);
    return Object.fromEntries(all!.series.map((s) => [s.id, Object.fromEntries(s.points.map((p) => [p.month, p.value]))]));
  };

  it('counts only counted people’s messages and posters', () => {
    expect(data('list-activity')).toEqual({ messages: { '2024-01': 2, '2024-02': 2 }, posters: { '2024-01': 1, '2024-02': 2 } });
    expect(data('new-posters')).toEqual({ 'new-posters': { '2024-01': 1, '2024-02': 1 } });
  });

  it('does not count a reply by a bot or by someone who opted out, nor a thread a bot started', () => {
    expect(data('replied-threads')).toEqual({ replied: { '2024-01': 0, '2024-02': 100 } });
    expect(data('first-reply')).toEqual({ 'median-hours': { '2024-02': 2 } });
  });
});

describe('the meeting charts', () => {
  const meetingCharts = CHARTS.filter((c) => MEETING_CHARTS.includes(c.id));

  it.each(meetingCharts.map((c) => [c.id, c] as const))('%s: only the all scope, with no data, on a site without meetings (and not shown there)', (_id, chart) => {
    for (const c of [catalog, mailCatalog]) {
      expect(chart.available?.(c)).toBe(false);
      expect(chart.scopes(c)).toEqual([ALL_TEAMS_SCOPE]);
    }
    expect(chart.available?.(meetingCatalog)).toBe(true);
    const data = chart.load(context)(ALL_TEAMS_SCOPE);
    expect(allMonths(data)).toEqual([]);
    expect(textAlternative(data)).toMatch(/: all teams: no data yet\.$/);
    expect(RENDERERS[chart.renderer].render(data, { id: 'c' })).toContain('No data yet');
  });

  it('keep two sources’ teams of the same name apart', () => {
    const [, , demoAlpha, mirrorAlpha] = chartById('meetings-held')!.scopes(meetingCatalog);
    const first = (id: string, scope: ChartScope) => chartById(id)!.load(meetingContext)(scope).series.map((s) => s.points[0]);
    expect(first('meetings-held', demoAlpha!)).toEqual([{ month: '2024-01', value: 2 }]);
    expect(first('meetings-held', mirrorAlpha!)).toEqual([{ month: '2024-02', value: 1 }]);
    expect(first('action-items', mirrorAlpha!)).toEqual([{ month: '2024-02', value: 1 }, { month: '2024-02', value: 1 }, { month: '2024-02', value: 0 }]);
  });
});

describe('meeting charts of a real catalog: bots, opted-out people and carried-over actions', () => {
  const attendee = (account: string, lines: number, extra: { isBot?: boolean; chair?: boolean } = {}) => ({ account, nick: account, lines, isBot: extra.isBot ?? false, chair: extra.chair ?? false });
  const act = (text: string, owner: string, time: string) => ({ type: 'action' as const, text, owners: [owner], time });
  const meeting = (source: string, start: string, attendees: Meeting['attendees'], notes: Meeting['notes']) => {
    const key = `dev.${start.slice(0, 16).replace('T', '-').replace(':', '.')}`;
    const data: Meeting = { key, team: 'dev', title: 'Dev meeting', start, end: start.replace(':00:00Z', ':45:00Z'), ended: true, attendees, topics: [], notes, votes: [], log: [], from: 'log.txt', files: {}, flags: [] };
    return makeItem({ source, type: 'meetbot', origin: `https://${source}.example.org/meetings/`, kind: MODEL_MEETING_KIND, nativeId: key, updatedOn: data.end, data });
  };
  const bot = attendee('meetbot', 20, { isBot: true });
  const full = new Catalog({ affiliations: {}, privacy: { optOut: ['hidden'] } }, defaultKinds());
  // January: ada and bob speak, with the bot and someone who opted out; ada's action is carried into the next meeting, the hidden one's is not.
  full.add(meeting('irc', '2024-01-04T15:00:00Z', [attendee('ada', 10, { chair: true }), attendee('bob', 5), bot, attendee('hidden', 3), attendee('quiet', 0)], [act('ada to write the docs', 'ada', '2024-01-04T15:10:00Z'), act('hidden to review', 'hidden', '2024-01-04T15:20:00Z')]));
  full.add(meeting('irc', '2024-01-11T15:00:00Z', [attendee('ada', 4, { chair: true }), bot], [act('ada to write the docs', 'ada', '2024-01-11T15:10:00Z')]));
  // February: the docs action is not carried over (closed); another source's `dev` raises one that stays open.
  full.add(meeting('irc', '2024-02-01T15:00:00Z', [attendee('ada', 4, { chair: true }), attendee('bob', 2), attendee('hidden', 1), bot], []));
  full.add(meeting('irc2', '2024-02-08T15:00:00Z', [attendee('carol', 6, { chair: true }), bot], [act('carol to test the release', 'carol', '2024-02-08T15:10:00Z')]));
  full.finish();
  const realContext: ChartContext = { catalog: chartCatalog(full), siteTitle: 'Demo', unknownOrg: UNKNOWN };
  const data = (id: string) => {
    const chart = chartById(id)!;
    expect(chart.available!(realContext.catalog)).toBe(true);
    const scopes = chart.scopes(realContext.catalog);
    expect(scopes.map((s) => [s.id, s.label, s.place])).toEqual([
      ['all', 'All teams', undefined],
      ['projects/irc/dev', 'dev (irc)', full.place('irc', 'dev')!.key],
      ['projects/irc2/dev', 'dev (irc2)', full.place('irc2', 'dev')!.key],
    ]);
    const dataOf = chart.load(realContext);
    return scopes.map((scope) => Object.fromEntries(dataOf(scope).series.map((s) => [s.id, Object.fromEntries(s.points.map((p) => [p.month, p.value]))])));
  };

  it('counts meetings by team and source', () => {
    const [all, irc, irc2] = data('meetings-held');
    expect(all).toEqual({ 'team-dev-irc': { '2024-01': 2, '2024-02': 1 }, 'team-dev-irc2': { '2024-01': 0, '2024-02': 1 } });
    expect(irc).toEqual({ meetings: { '2024-01': 2, '2024-02': 1 } });
    expect(irc2).toEqual({ meetings: { '2024-02': 1 } });
  });

  it('counts as attendees neither the bot nor someone who opted out, nor anyone who said nothing', () => {
    const [all, irc] = data('meeting-attendance');
    // January: 2 people (ada, bob) and 1 (ada); February: 2 (ada, bob) in irc and 1 (carol) in irc2.
    expect(irc).toEqual({ 'median-people': { '2024-01': 1.5, '2024-02': 2 }, meetings: { '2024-01': 2, '2024-02': 1 } });
    expect(all).toEqual({ 'median-people': { '2024-01': 1.5, '2024-02': 1.5 }, meetings: { '2024-01': 2, '2024-02': 2 } });
  });

  it('follows an action carried over to the meeting that drops it, and counts items whoever owns them', () => {
    const [all, irc, irc2] = data('action-items');
    expect(irc).toEqual({ open: { '2024-01': 1, '2024-02': 0 }, raised: { '2024-01': 2, '2024-02': 0 }, closed: { '2024-01': 1, '2024-02': 1 } });
    expect(irc2).toEqual({ open: { '2024-02': 1 }, raised: { '2024-02': 1 }, closed: { '2024-02': 0 } });
    expect(all).toEqual({ open: { '2024-01': 1, '2024-02': 1 }, raised: { '2024-01': 2, '2024-02': 1 }, closed: { '2024-01': 1, '2024-02': 1 } });
  });
});

describe('the spec charts', () => {
  const specCharts = CHARTS.filter((c) => SPEC_CHARTS.includes(c.id));

  it.each(specCharts.map((c) => [c.id, c] as const))('%s: only the all scope, with no data, on a site without specs (and not shown there)', (_id, chart) => {
    for (const c of [catalog, mailCatalog, meetingCatalog]) {
      expect(chart.available?.(c)).toBe(false);
      expect(chart.scopes(c)).toEqual([ALL_SPECS_SCOPE]);
    }
    expect(chart.available?.(specCatalog)).toBe(true);
    const data = chart.load(context)(ALL_SPECS_SCOPE);
    expect(data.axis!.categories).toEqual([]);
    expect(allMonths(data)).toEqual([]);
    expect(textAlternative(data)).toMatch(/: all specs: no data yet\.$/);
    expect(RENDERERS[chart.renderer].render(data, { id: 'c' })).toContain('No data yet');
  });

  it('keep two sources’ places of the same name apart', () => {
    const [, demo, mirror] = chartById('specs-lifecycle')!.scopes(specCatalog);
    const first = (id: string, scope: ChartScope) => chartById(id)!.load(specContext)(scope).series.map((s) => s.points[0]);
    // Points name the release (a category id) in the `month` key.
    expect(first('specs-lifecycle', demo!)).toEqual([{ month: '2024.1', value: 4 }, { month: '2024.1', value: 2 }]);
    expect(first('specs-lifecycle', mirror!)).toEqual([{ month: '2024.1', value: 1 }, { month: '2024.1', value: 0 }]);
    expect(first('spec-approval-time', mirror!)).toEqual([{ month: '2024.1', value: 10.3 }, { month: '2024.1', value: 1 }]);
  });
});

describe('spec charts of a real catalog: the review links and the steps of the history', () => {
  const step = (date: string, path: string, release: string, status: SpecStep['status']): SpecStep => ({ date, path, release, status, statusText: status, from: 'git' });
  const spec = (key: string, over: Partial<Spec> & Pick<Spec, 'history' | 'repository'>) => {
    const last = over.history.at(-1)!;
    const data: Spec = {
      key, layout: 'nova-specs', path: last.path, title: key, release: last.release, status: last.status, statusText: last.statusText, milestones: {}, summary: '', toc: [], format: 'rst',
      authors: [], authorHandles: [], created: over.history[0]!.date, updated: last.date, aliases: [], flags: [], ...over,
    };
    return makeItem({ source: 'specs', type: 'specs', origin: 'https://specs.example.org/', kind: MODEL_SPEC_KIND, nativeId: key, updatedOn: data.updated, data });
  };
  const change = (n: number, project: string, created: string, extra: Partial<Change> = {}) => {
    const data: Change = {
      number: n, changeId: `I${n}`, project, branch: 'master', hashtags: [], subject: `Change ${n}`, status: 'MERGED', owner: '1',
      created, updated: created, insertions: 1, deletions: 0, patchSets: [], votes: [], messages: [],
      accounts: { '1': { id: '1', name: 'Owner', username: 'owner', emailDomain: 'example.org', isBot: false } },
      url: `https://review.example.org/c/${n}`, ...extra,
    };
    return makeItem({ source: 'review', type: 'gerrit', origin: 'https://review.example.org', kind: 'change', nativeId: n, updatedOn: created, data });
  };
  const files = (...paths: string[]) => [{ number: 1, revision: 'r1', files: paths.map((path) => ({ path, insertions: 10, deletions: 0 })) }];
  const full = new Catalog({ affiliations: {}, privacy: { optOut: [] } }, defaultKinds());
  // x: reviewed from 10 January, approved 22 days later, implemented in May (a change naming its blueprint implements it, and is no review).
  full.add(spec('x', { repository: 'aurora-specs', project: 'aurora/specs', blueprintName: 'x-bp', history: [step('2024-02-01T10:00:00Z', 'specs/2024.1/approved/x.rst', '2024.1', 'approved'), step('2024-05-01T10:00:00Z', 'specs/2024.1/implemented/x.rst', '2024.1', 'implemented')] }));
  // y: approved without a review the site has.
  full.add(spec('y', { repository: 'aurora-specs', project: 'aurora/specs', history: [step('2024-02-15T10:00:00Z', 'specs/2024.1/approved/y.rst', '2024.1', 'approved')] }));
  // z: another place (its group), reviewed 10 days before its approval.
  full.add(spec('z', { repository: 'enhancements', project: 'k/enhancements', group: 'sig-node', layout: 'kep', history: [step('2024-03-01T00:00:00Z', 'keps/sig-node/1-z/README.md', 'v1.30', 'approved')] }));
  full.add(change(1, 'aurora/specs', '2024-01-10T10:00:00Z', { patchSets: files('specs/2024.1/approved/x.rst') }));
  full.add(change(2, 'aurora/compute', '2024-01-05T00:00:00Z', { topic: 'bp/x-bp' }));
  full.add(change(3, 'k/enhancements', '2024-02-20T00:00:00Z', { patchSets: files('keps/sig-node/1-z/README.md') }));
  full.finish();
  const realContext: ChartContext = { catalog: chartCatalog(full), siteTitle: 'Demo', unknownOrg: UNKNOWN };
  const data = (id: string) => {
    const chart = chartById(id)!;
    expect(chart.available!(realContext.catalog)).toBe(true);
    const scopes = chart.scopes(realContext.catalog);
    // Not the review projects: they have no specs.
    expect(scopes.map((s) => [s.id, s.label, s.place])).toEqual([
      ['all', 'All specs', undefined],
      ['projects/aurora-specs', 'aurora-specs', full.place('specs', 'aurora-specs')!.key],
      ['projects/sig-node', 'sig-node', full.place('specs', 'sig-node')!.key],
    ]);
    const dataOf = chart.load(realContext);
    return scopes.map((scope) => Object.fromEntries(dataOf(scope).series.map((s) => [s.id, Object.fromEntries(s.points.map((p) => [p.month, p.value]))])));
  };

  it('hands the charts each spec’s milestones, its first review from the review links only', () => {
    const milestones = [...realContext.catalog.specMilestones()].sort((a, b) => a.key.localeCompare(b.key));
    expect(milestones.map((m) => [m.key, m.place, m.approved, m.approvedIn, m.implemented ?? null, m.firstReview ?? null])).toEqual([
      ['specs:x', 'aurora-specs', '2024-02-01T10:00:00Z', '2024.1', '2024-05-01T10:00:00Z', '2024-01-10T10:00:00Z'],
      ['specs:y', 'aurora-specs', '2024-02-15T10:00:00Z', '2024.1', null, null],
      ['specs:z', 'sig-node', '2024-03-01T00:00:00Z', 'v1.30', null, '2024-02-20T00:00:00Z'],
    ]);
  });

  it('counts approvals and implementations by place, in the release each step names', () => {
    const [all, aurora, node] = data('specs-lifecycle');
    // 2024.1's steps (February to May) have their median before v1.30's one (March).
    expect(all).toEqual({ approved: { '2024.1': 2, 'v1.30': 1 }, implemented: { '2024.1': 1, 'v1.30': 0 } });
    expect(Object.keys(all!.approved!)).toEqual(['2024.1', 'v1.30']);
    expect(aurora).toEqual({ approved: { '2024.1': 2 }, implemented: { '2024.1': 1 } });
    expect(node).toEqual({ approved: { 'v1.30': 1 }, implemented: { 'v1.30': 0 } });
  });

  it('measures the days from the first review to the approval, leaving out the spec without a review', () => {
    const [all, aurora, node] = data('spec-approval-time');
    expect(all).toEqual({ 'median-days': { '2024.1': 22, 'v1.30': 10 }, approvals: { '2024.1': 2, 'v1.30': 1 } });
    expect(aurora).toEqual({ 'median-days': { '2024.1': 22 }, approvals: { '2024.1': 2 } });
    expect(node).toEqual({ 'median-days': { 'v1.30': 10 }, approvals: { 'v1.30': 1 } });
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

describe('chartsFor', () => {
  it('takes a plugin chart of any renderer, bars included, and names the renderers when one is unknown', async () => {
    const { chartsFor } = await import('./registry.ts');
    const make = (renderer: string) => defineChart({ id: 'p', title: 'P', summary: 'P.', renderer: renderer as 'bars', scopes: () => [], prepare: () => 0, data: () => ({ title: '', description: '', unit: '', source: '', series: [] }) });
    expect(chartsFor([{ file: 'p.ts', charts: [make('bars')] }]).at(-1)!.renderer).toBe('bars');
    expect(() => chartsFor([{ file: 'p.ts', charts: [make('pie')] }])).toThrow('plugin p.ts: charts[0]: renderer must be one of "line", "stacked", "bars"');
  });
});

describe('the job-trends chart', () => {
  const chart = chartById('job-trends')!;

  it('is only on a site with job sources, and has only the all scope without them', () => {
    for (const c of [catalog, mailCatalog, meetingCatalog, specCatalog]) {
      expect(chart.available?.(c)).toBe(false);
      expect(chart.scopes(c)).toEqual([ALL_JOB_SOURCES_SCOPE]);
    }
    expect(chart.available?.(jobCatalog)).toBe(true);
    const data = chart.load(context)(ALL_JOB_SOURCES_SCOPE);
    expect(allMonths(data)).toEqual([]);
    expect(RENDERERS[chart.renderer].render(data, { id: 'c' })).toContain('No data yet');
  });

  it('counts every source for all and each source for its own scope', () => {
    const dataOf = chart.load(jobContext);
    const [all, board, hn] = chart.scopes(jobCatalog).map((s) => dataOf(s));
    const python = (d: typeof all) => d!.series[0]!.points.map((p) => p.value);
    expect(python(all)).toEqual([30, 32, 12]);
    expect(python(hn)).toEqual([30, 28, 12]);
    expect(python(board)).toEqual([4]);
    expect(hn!.source).toContain('Not final: March 2024');
    expect(board!.source).toContain('a job board’s export (board)');
  });

  it('reads job-listing months of a real catalog, with their upstream type', () => {
    const full = new Catalog({ affiliations: {}, privacy: { optOut: [] } }, defaultKinds());
    const data: JobMonth = { month: '2024-03', postings: 412, counts: { Python: 90 }, threads: [], complete: true, excluded: { deleted: 3 }, keywordsDigest: 'd' };
    full.add(makeItem({ source: 'hn', type: 'hn-hiring', origin: 'x', kind: MODEL_JOB_MONTH_KIND, nativeId: '2024-03', updatedOn: '2024-04-01T00:00:00Z', data }));
    full.finish();
    const real = chartCatalog(full);
    expect(chart.available!(real)).toBe(true);
    const scopes = chart.scopes(real);
    expect(scopes.map((s) => s.id)).toEqual(['all', 'sources/hn']);
    const d = chart.load({ catalog: real, siteTitle: 'Demo', unknownOrg: UNKNOWN })(scopes[1]!);
    expect(d.series.map((s) => [s.label, s.points])).toEqual([['Python', [{ month: '2024-03', value: 90 }]]]);
    expect(d.source).toContain('Hacker News “Ask HN: Who is hiring?” threads (hn)');
    expect(d.source).toContain('Left out, not counted as postings: 3 deleted.');
  });

  it('offers measure, smoothing, a log scale and a keyword picker, each view its own data, and a methodology note from the config', () => {
    expect(controlProblems(chart.id, chart.controls)).toEqual([]);
    expect(chart.controls?.views?.map((d) => [d.id, d.choices.map((c) => c.value)])).toEqual([
      ['measure', ['count', 'share']],
      ['smoothing', ['0', '3', '6', '12']],
    ]);
    expect(chart.controls).toMatchObject({ logScale: true, seriesPicker: 'Keywords', change: true });
    const dataOf = chart.load(jobContext);
    const count = dataOf(ALL_JOB_SOURCES_SCOPE);
    expect(dataOf(ALL_JOB_SOURCES_SCOPE, { measure: 'count', smoothing: '0' })).toEqual(count);
    const share = dataOf(ALL_JOB_SOURCES_SCOPE, { measure: 'share', smoothing: '3' });
    expect(share.title).toMatch(/^Share of job postings .*\(3-month average\)/);
    expect(share.series.map((s) => s.id)).toEqual(count.series.map((s) => s.id));
    expect(chart.about?.({ ...jobContext, sources: [] })).toEqual(['No job source is configured.']);
    const note = chart.about!({ ...jobContext, sources: [{ id: 'hn', type: 'hn-hiring', keywords: { Python: { any: ['python'] } } } as never] }).join('\n');
    expect(note).toMatch(/Hacker News/);
    expect(note).toMatch(/Python/);
  });
});
