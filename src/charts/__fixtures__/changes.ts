/** Fixed change summaries for chart tests (only the fields the charts read). */
import type { ActivityChange } from '../activity.ts';
import type { ChartData } from '../series.ts';

export const CHANGES: ActivityChange[] = [
  // aurora/compute: opened Jan, merged Feb (submit month counts, not creation month).
  { source: 'demo', project: 'aurora/compute', status: 'MERGED', created: '2024-01-10T09:00:00Z', updated: '2024-02-02T10:00:00Z', submitted: '2024-02-01T23:59:59Z', reviews: [{ by: 'demo:2', date: '2024-01-11T10:00:00Z' }, { by: 'demo:3', date: '2024-02-01T08:00:00Z' }] },
  // Same reviewer twice in January on another change: counted once.
  { source: 'demo', project: 'aurora/compute', status: 'NEW', created: '2024-01-31T23:59:59Z', updated: '2024-01-31T23:59:59Z', reviews: [{ by: 'demo:2', date: '2024-01-31T23:59:59Z' }] },
  // Just after midnight UTC on 1 April (still March in UTC-5): April in UTC. Nothing in March: zero-filled.
  { source: 'demo', project: 'aurora/compute', status: 'ABANDONED', created: '2024-04-01T00:00:01Z', updated: '2024-04-03T00:00:00Z', reviews: [] },
  // Merged without a submit time: falls back to updated.
  { source: 'demo', project: 'aurora/docs', status: 'MERGED', created: '2024-02-15T12:00:00Z', updated: '2024-02-20T12:00:00Z', reviews: [{ by: 'demo:2', date: '2024-02-16T00:00:00Z' }] },
  // An unparsable date is skipped, not a crash.
  { source: 'demo', project: 'aurora/docs', status: 'NEW', created: 'not a date', updated: 'not a date', reviews: [{ by: 'demo:4', date: 'garbage' }] },
];

export const SAMPLE: ChartData = {
  title: 'Review activity per month: all projects',
  description: 'Fixed sample data.',
  unit: 'changes or people per month',
  source: 'Test fixture.',
  series: [
    { id: 'opened', label: 'Changes opened', total: 'sum', points: [3, 5, 4, 8, 12, 9, 11, 15, 14, 10, 13, 18].map((value, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, value })) },
    { id: 'merged', label: 'Changes merged', total: 'sum', points: [1, 4, 3, 6, 9, 9, 8, 12, 13, 9, 10, 15].map((value, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, value })) },
    { id: 'reviewers', label: 'Active reviewers', total: 'none', points: [2, 3, 3, 4, 5, 5, 6, 6, 7, 6, 6, 8].map((value, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, value })) },
  ],
};
