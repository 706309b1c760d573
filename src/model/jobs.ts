import { z } from 'zod';

/**
 * Job-listing counts for one month of one source: how many postings there
 * were and how many matched each configured keyword. Postings are not
 * people's activity and are not searched; their text is never stored, only
 * their upstream ids (to count again when the keywords change).
 */
export const JobMonth = z.object({
  /** UTC calendar month, `YYYY-MM`. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  /** Postings counted (HN: top-level comments of the month's "Who is hiring?" threads, deleted and dead ones left out). */
  postings: z.number().int().nonnegative(),
  /** Postings matching each keyword, by the keyword's name in the config ("Python AND OpenStack"). */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** Upstream ids of the postings counted (HN item ids); absent for imported monthly totals. */
  ids: z.array(z.string()).optional(),
  /** Where the postings came from: HN threads (id, title, when posted), or the imported file. */
  threads: z.array(z.object({ id: z.string(), title: z.string(), created: z.string(), url: z.string().optional() })).default([]),
  /** The month is over and every thread was read: never fetched again. */
  complete: z.boolean(),
  /** Postings left out and why (deleted, dead, unreadable), counted, for the methodology note. */
  excluded: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /** A digest of the keyword definitions the counts were made with (counted again when it changes). */
  keywordsDigest: z.string(),
});
export type JobMonth = z.infer<typeof JobMonth>;

export const JOB_MONTH_KIND = 'job-month';
