import { describe, expect, it } from 'vitest';
import type { ChartCatalog } from '../../src/charts/registry.ts';
import { CHARTS } from '../../src/charts/registry.ts';
import { CHANGES } from '../../src/charts/__fixtures__/changes.ts';
import { EVENTS } from '../../src/charts/__fixtures__/events.ts';
import { MAIL_EVENTS, MAIL_MESSAGES, MAIL_THREADS } from '../../src/charts/__fixtures__/mail.ts';
import { placeKey } from '../../src/lib/places.ts';
import { measureCharts } from './charts.ts';

const place = (source: string, name: string, slug = name) => [placeKey(source, name), { key: placeKey(source, name), source, name, slug }] as const;
const LIST_CHARTS = ['list-activity', 'new-posters', 'replied-threads', 'first-reply'];
const MEETING_CHARTS = ['meetings-held', 'meeting-attendance', 'action-items'];
const SPEC_CHARTS = ['specs-lifecycle', 'spec-approval-time'];

describe('measureCharts', () => {
  it('gives every registered chart a row, and says so when a Gerrit-only corpus has no mail for the list charts', () => {
    const events = EVENTS.map((e, i) => ({ ...e, kind: 'change', item: `demo:${i}` }));
    const catalog: ChartCatalog = { items: () => [], changes: CHANGES, events, projects: new Map([place('demo', 'aurora/compute'), place('demo', 'aurora/docs')]), people: new Map(), meetingActions: () => [], specMilestones: () => [] };
    const rows = measureCharts({ catalog, siteTitle: 'Bench', unknownOrg: 'Unknown affiliation' });
    expect(rows.map((r) => r.id)).toEqual(CHARTS.map((c) => c.id));
    for (const r of rows) {
      expect(r.bytes, r.id).toBeGreaterThan(0);
      expect(r.prepareMs + r.scopesMs).toBeGreaterThanOrEqual(0);
    }
    const lists = rows.filter((r) => LIST_CHARTS.includes(r.id));
    expect(lists.map((r) => [r.id, r.scopes, r.note])).toEqual(LIST_CHARTS.map((id) => [id, 1, 'no data: this corpus has no mail']));
    // The meeting charts measure their empty `all` scope too (the note's wording is the list charts').
    expect(rows.filter((r) => MEETING_CHARTS.includes(r.id)).map((r) => [r.id, r.scopes, r.note])).toEqual(MEETING_CHARTS.map((id) => [id, 1, expect.stringMatching(/^no data/)]));
    // So do the spec charts.
    expect(rows.filter((r) => SPEC_CHARTS.includes(r.id)).map((r) => [r.id, r.scopes, r.note])).toEqual(SPEC_CHARTS.map((id) => [id, 1, expect.stringMatching(/^no data/)]));
    const others = [...LIST_CHARTS, ...MEETING_CHARTS, ...SPEC_CHARTS, 'job-trends'];
    expect(rows.filter((r) => !others.includes(r.id)).map((r) => [r.id, r.scopes, r.note])).toEqual([['activity', 3, undefined], ['contributors', 3, undefined]]);
  });

  it('measures the list charts for every list of a corpus with mail', () => {
    const catalog: ChartCatalog = {
      items: (kind) => (kind === 'message' ? MAIL_MESSAGES : kind === 'thread' ? MAIL_THREADS : []),
      changes: [],
      events: MAIL_EVENTS,
      projects: new Map([place('demo', 'aurora-dev', 'demo/aurora-dev'), place('mirror', 'aurora-dev', 'mirror/aurora-dev'), place('demo', 'aurora-users')]),
      people: new Map(),
      meetingActions: () => [],
      specMilestones: () => [],
    };
    const rows = measureCharts({ catalog, siteTitle: 'Bench', unknownOrg: 'Unknown affiliation' });
    expect(rows.filter((r) => LIST_CHARTS.includes(r.id)).map((r) => [r.id, r.scopes, r.note])).toEqual(LIST_CHARTS.map((id) => [id, 4, undefined]));
    expect(rows.find((r) => r.id === 'activity')!.note).toBe('no data in this corpus');
  });
});
