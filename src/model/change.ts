import { z } from 'zod';
import { Account } from './person.ts';

/**
 * A code review change: a Gerrit change or a GitHub pull request, in one model
 * (docs/review-model.md says how the two map and where they differ).
 * Fields only one platform has are optional; a Gerrit change leaves the GitHub
 * ones out, so its stored bytes did not change when they were added.
 */
export const ChangeStatus = z.enum(['NEW', 'MERGED', 'ABANDONED']);
export type ChangeStatus = z.infer<typeof ChangeStatus>;

export const Vote = z.object({
  label: z.string(),
  value: z.number().int(),
  /** Native account id of the voter. */
  by: z.string(),
  date: z.string().optional(),
  patchSet: z.number().int().optional(),
  /** GitHub: the review's own state (`APPROVED`, `CHANGES_REQUESTED`, `DISMISSED`), as given. */
  state: z.string().optional(),
  /** GitHub: a review dismissed later (it no longer blocks or approves; kept, as Gerrit keeps a removed vote's message). */
  dismissed: z.boolean().optional(),
});
export type Vote = z.infer<typeof Vote>;

export const ReviewMessage = z.object({
  id: z.string(),
  author: z.string().optional(),
  date: z.string(),
  text: z.string(),
  patchSet: z.number().int().optional(),
  /**
   * GitHub: what the message is: a review's body (`review`, with the review's
   * `state`), a comment on the conversation (`comment`), or a comment on a line
   * of the diff (`inline`, with `path` and `line`). Gerrit messages leave it out.
   */
  type: z.enum(['review', 'comment', 'inline']).optional(),
  state: z.string().optional(),
  path: z.string().optional(),
  line: z.number().int().optional(),
  /** GitHub: id of the message (inline comment) this one answers. */
  inReplyTo: z.string().optional(),
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
  /**
   * Native id when the number alone is not unique in the source (GitHub: numbers
   * count per repository, so `owner/name/123`). The item id, catalog key and page
   * path use it; Gerrit changes leave it out (their number is unique per server).
   */
  ref: z.string().optional(),
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
  /** GitHub: a draft pull request (Gerrit's work-in-progress is not kept). */
  draft: z.boolean().optional(),
  /** GitHub: the repositories it was listed under before (a transferred or renamed repository), oldest first. */
  movedFrom: z.array(z.string()).optional(),
  /** GitHub: times the head branch was rewritten (force-pushed), when the timeline says. */
  forcePushes: z.number().int().optional(),
});
export type Change = z.infer<typeof Change>;

export const CHANGE_KIND = 'change';
