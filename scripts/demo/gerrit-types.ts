/**
 * The Gerrit REST shapes the demo generator writes (Gerrit 3.x, options
 * DETAILED_ACCOUNTS, DETAILED_LABELS, MESSAGES, ALL_REVISIONS, ALL_COMMITS,
 * ALL_FILES). Kept beside the generator so scripts/demo stays independent of the
 * client in src/sources/gerrit, which must parse these as a real server's bytes.
 */

export interface AccountInfo {
  _account_id: number;
  name: string;
  email: string;
  username: string;
  /** Newer servers tag service users; only one demo bot carries it. */
  tags?: string[];
}

export interface ApprovalInfo extends AccountInfo {
  value: number;
  /** Absent for a reviewer who has not voted on the label. */
  date?: string;
  permitted_voting_range?: { min: number; max: number };
}

export interface LabelInfo {
  approved?: AccountInfo;
  rejected?: AccountInfo;
  recommended?: AccountInfo;
  disliked?: AccountInfo;
  /** Absent while the change has no reviewers. */
  all?: ApprovalInfo[];
  values: Record<string, string>;
  default_value: number;
}

export interface ChangeMessageInfo {
  id: string;
  author: AccountInfo;
  real_author?: AccountInfo;
  date: string;
  message: string;
  tag?: string;
  _revision_number: number;
}

export interface GitPersonInfo {
  name: string;
  email: string;
  date: string;
  /** Minutes east of UTC. */
  tz: number;
}

export interface FileInfo {
  /** A added, D deleted, R renamed; absent when modified (as Gerrit does). */
  status?: 'A' | 'D' | 'R';
  old_path?: string;
  /** Gerrit omits line counts that are zero. */
  lines_inserted?: number;
  lines_deleted?: number;
  size_delta: number;
  size: number;
}

export interface CommitInfo {
  parents: { commit: string; subject: string }[];
  author: GitPersonInfo;
  committer: GitPersonInfo;
  subject: string;
  message: string;
}

export type RevisionKind = 'REWORK' | 'TRIVIAL_REBASE' | 'MERGE_FIRST_PARENT_UPDATE' | 'NO_CODE_CHANGE' | 'NO_CHANGE';

export interface RevisionInfo {
  kind: RevisionKind;
  _number: number;
  created: string;
  uploader: AccountInfo;
  ref: string;
  fetch: Record<string, { url: string; ref: string }>;
  commit: CommitInfo;
  files: Record<string, FileInfo>;
}

export type ChangeStatus = 'NEW' | 'MERGED' | 'ABANDONED';

export interface ChangeInfo {
  id: string;
  project: string;
  branch: string;
  topic?: string;
  hashtags: string[];
  change_id: string;
  subject: string;
  status: ChangeStatus;
  created: string;
  updated: string;
  submitted?: string;
  submitter?: AccountInfo;
  insertions: number;
  deletions: number;
  total_comment_count: number;
  unresolved_comment_count: number;
  work_in_progress?: boolean;
  _number: number;
  owner: AccountInfo;
  labels: Record<string, LabelInfo>;
  reviewers: { REVIEWER?: AccountInfo[]; CC?: AccountInfo[] };
  messages: ChangeMessageInfo[];
  current_revision: string;
  revisions: Record<string, RevisionInfo>;
}

export interface ProjectInfo {
  id: string;
  state: 'ACTIVE' | 'READ_ONLY' | 'HIDDEN';
  description: string;
}
