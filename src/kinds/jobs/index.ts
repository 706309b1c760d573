/**
 * Job-listing counts: the `job-month` kind (one month of one job source:
 * postings and matches per keyword). Postings are not people's activity and
 * are not searched, so it has no accounts, events, search documents or item
 * pages; the job-trends chart reads its summaries.
 */
import { JOB_MONTH_KIND, JobMonth } from '../../model/jobs.ts';
import { defineKind } from '../registry.ts';
import type { ItemSummary } from '../types.ts';

export interface JobMonthSummary extends ItemSummary {
  kind: 'job-month';
  /** The upstream type of its source (`hn-hiring`, `jobs-csv`), so the chart can say what a posting is. */
  type: string;
  month: string;
  postings: number;
  counts: Record<string, number>;
  complete: boolean;
  /** Postings left out, by reason (deleted, dead, empty…). */
  excluded: Record<string, number>;
  /** How many threads (or files) the month was counted from. */
  threads: number;
}

export const jobMonthKind = defineKind<JobMonth, JobMonthSummary>({
  kind: JOB_MONTH_KIND,
  label: { one: 'job-listing month', many: 'job-listing months' },
  home: false,
  schema: JobMonth,
  summarise: ({ source, type, data: m }) => ({
    key: `${source}:${m.month}`,
    kind: 'job-month',
    type,
    source,
    title: `Job postings, ${m.month}`,
    updated: `${m.month}-01T00:00:00Z`,
    path: 'charts/',
    month: m.month,
    postings: m.postings,
    counts: { ...m.counts },
    complete: m.complete,
    excluded: { ...m.excluded },
    threads: m.threads.length,
  }),
  accounts: () => [],
  activity: () => [],
  acts: {},
  compare: (a, b) => a.source.localeCompare(b.source) || a.month.localeCompare(b.month),
});

export { JOB_MONTH_KIND } from '../../model/jobs.ts';
