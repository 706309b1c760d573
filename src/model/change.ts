import { z } from 'zod';
import { Account } from './person.ts';

/** A code review change (Gerrit change; later GitHub pull requests map here too). */
export const ChangeStatus = z.enum(['NEW', 'MERGED', 'ABANDONED']);
export type ChangeStatus = z.infer<typeof ChangeStatus>;

export const Vote = z.object({
  label: z.string(),
  value: z.number().int(),
  /** Native account id of the voter. */
  by: z.string(),
  date: z.string().optional(),
  patchSet: z.number().int().optional(),
});
export type Vote = z.infer<typeof Vote>;

export const ReviewMessage = z.object({
  id: z.string(),
  author: z.string().optional(),
  date: z.string(),
  text: z.string(),
  patchSet: z.number().int().optional(),
});
export type ReviewMessage = z.infer<typeof ReviewMessage>;

export const PatchSet = z.object({
  number: z.number().int(),
  revision: z.string(),
  /** Absent from servers before Gerrit 2.9. */
  created: z.string().optional(),
  uploader: z.string().optional(),
  kind: z.string().optional(),
  files: z.array(z.object({ path: z.string(), insertions: z.number().int(), deletions: z.number().int(), status: z.string().optional() })).optional(),
});
export type PatchSet = z.infer<typeof PatchSet>;

/** A label's summary where the upstream gives no per-reviewer votes (old Gerrit, LABELS only). */
export const LabelSummary = z.object({
  label: z.string(),
  status: z.enum(['approved', 'rejected', 'recommended', 'disliked']),
  /** Native account id of who set it, when known. */
  by: z.string().optional(),
});
export type LabelSummary = z.infer<typeof LabelSummary>;

export const Change = z.object({
  number: z.number().int(),
  changeId: z.string(),
  project: z.string(),
  branch: z.string(),
  topic: z.string().optional(),
  hashtags: z.array(z.string()),
  subject: z.string(),
  commitMessage: z.string().optional(),
  status: ChangeStatus,
  owner: z.string().optional(),
  created: z.string(),
  updated: z.string(),
  submitted: z.string().optional(),
  insertions: z.number().int(),
  deletions: z.number().int(),
  filesChanged: z.number().int().optional(),
  patchSets: z.array(PatchSet),
  votes: z.array(Vote),
  /** Label summaries for labels without votes (see LabelSummary). */
  labelSummary: z.array(LabelSummary).optional(),
  messages: z.array(ReviewMessage),
  /** Every account the change mentions, by native id. */
  accounts: z.record(z.string(), Account),
  /** Link back to the change on the upstream. */
  url: z.string(),
});
export type Change = z.infer<typeof Change>;

export const CHANGE_KIND = 'change';
