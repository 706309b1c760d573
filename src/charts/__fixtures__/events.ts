/** Fixed activity events and affiliations for the contributors chart tests. */
import type { ContributorEvent } from '../contributors.ts';
import type { ChartData } from '../series.ts';

/** Person key -> organisation; people missing here have an unknown affiliation. */
export const ORGS: Record<string, string> = {
  'demo:1': 'Nimbus Systems',
  'demo:2': 'Nimbus Systems',
  'demo:3': 'Corvid Labs',
  'demo:4': 'Bluefin Networks',
};

export const orgOf = (who: string): string | undefined => ORGS[who];

export const EVENTS: ContributorEvent[] = [
  // January: demo:1 twice (two projects) counts once for all projects, once in each project.
  { source: 'demo', who: 'demo:1', when: '2024-01-03T10:00:00Z', place: 'aurora/compute' },
  { source: 'demo', who: 'demo:1', when: '2024-01-20T10:00:00Z', place: 'aurora/docs' },
  { source: 'demo', who: 'demo:1', when: '2024-01-21T10:00:00Z', place: 'aurora/docs' },
  { source: 'demo', who: 'demo:3', when: '2024-01-05T10:00:00Z', place: 'aurora/compute' },
  { source: 'demo', who: 'demo:9', when: '2024-01-06T10:00:00Z', place: 'aurora/compute' },
  // February: nothing at all (zero-filled).
  // March: 23:30 on 31 March at UTC-5 is April in UTC.
  { source: 'demo', who: 'demo:2', when: '2024-03-31T23:30:00-05:00', place: 'aurora/compute' },
  { source: 'demo', who: 'demo:4', when: '2024-03-02T00:00:00Z', place: 'aurora/compute' },
  { source: 'demo', who: 'demo:9', when: '2024-03-09T00:00:00Z' },
  // An unreadable date is skipped, not a crash.
  { source: 'demo', who: 'demo:3', when: 'not a date', place: 'aurora/compute' },
];

const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
const points = (values: number[]) => values.map((value, i) => ({ month: months[i]!, value }));

export const STACKED: ChartData = {
  title: 'Active contributors per month by organisation: all projects',
  description: 'Fixed sample data.',
  unit: 'people per month',
  source: 'Test fixture.',
  stackTotal: { id: 'total', label: 'All active contributors', sumUnit: 'person-months' },
  series: [
    { id: 'org-nimbus', label: 'Nimbus Systems', total: 'none', points: points([5, 6, 6, 7, 8, 9]) },
    { id: 'org-corvid', label: 'Corvid Labs', total: 'none', points: points([2, 2, 3, 3, 2, 4]) },
    { id: 'other', label: 'Other (2 organisations)', total: 'none', tone: 'other', points: points([1, 0, 1, 2, 1, 1]) },
    { id: 'unknown', label: 'Unknown affiliation', total: 'none', tone: 'neutral', points: points([2, 3, 2, 2, 4, 3]) },
  ],
};
