import { gerritTime } from './calendar.ts';
import type { Rng } from './prng.ts';
import type {
  AccountInfo, ApprovalInfo, ChangeInfo, ChangeMessageInfo, ChangeStatus, FileInfo, LabelInfo, RevisionInfo, RevisionKind,
} from './gerrit-types.ts';

/**
 * Turns a simulated review history (a list of events) into the ChangeInfo a
 * Gerrit 3.x server returns. Labels, reviewers, counts and `updated` are all
 * derived from the events, so they cannot disagree with the messages.
 */

export type Vote = readonly [label: 'Code-Review' | 'Verified' | 'Workflow', value: number];

export interface ReviewEvent {
  type: 'upload' | 'review' | 'merge' | 'abandon';
  at: number;
  by: AccountInfo;
  ps: number;
  text?: string;
  tag?: string;
  votes?: Vote[];
  /** Inline comments posted with the message. */
  comments?: number;
  /** The owner answered every open comment. */
  resolves?: boolean;
}

export interface PatchSetPlan {
  ps: number;
  sha: string;
  kind: RevisionKind;
  uploader: AccountInfo;
  parent: { commit: string; subject: string };
  authorDate: number;
  tz: number;
  message: string;
  files: Record<string, FileInfo>;
}

export interface ChangePlan {
  number: number;
  project: string;
  branch: string;
  topic?: string;
  hashtags: string[];
  changeId: string;
  subject: string;
  owner: AccountInfo;
  created: number;
  wip: boolean;
  events: ReviewEvent[];
  patchSets: PatchSetPlan[];
  /** Accounts that may vote on Code-Review with ±2 and on Workflow. */
  coreIds: ReadonlySet<number>;
  zuulId: number;
}

export const REVIEW_SITE = 'https://review.aurora.example';

const LABEL_VALUES: Record<Vote[0], Record<string, string>> = {
  'Code-Review': {
    '-2': 'Do not merge',
    '-1': 'This patch needs further work before it can be merged',
    ' 0': 'No score',
    '+1': 'Looks good to me, but someone else must approve',
    '+2': 'Looks good to me (core reviewer)',
  },
  Verified: { '-1': 'Fails', ' 0': 'No score', '+1': 'Verified' },
  Workflow: { '-1': 'Work in progress', ' 0': 'Ready for reviews', '+1': 'Approved' },
};
const LABEL_RANGE: Record<Vote[0], [number, number]> = { 'Code-Review': [-2, 2], Verified: [-1, 1], Workflow: [-1, 1] };

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

export function messageText(ev: ReviewEvent): string {
  if (ev.type === 'upload') return ev.text ?? `Uploaded patch set ${ev.ps}.`;
  if (ev.type === 'merge') return 'Change has been successfully merged by Zuul';
  if (ev.type === 'abandon') return ev.text ? `Abandoned\n\n${ev.text}` : 'Abandoned';
  let head = `Patch Set ${ev.ps}:`;
  for (const [label, value] of ev.votes ?? []) head += ` ${label}${signed(value)}`;
  const parts = [head];
  if (ev.comments) parts.push(`(${ev.comments} comment${ev.comments === 1 ? '' : 's'})`);
  if (ev.text) parts.push(ev.text);
  return parts.join('\n\n');
}

function range(plan: ChangePlan, account: AccountInfo, label: Vote[0]): { min: number; max: number } | undefined {
  const id = account._account_id;
  if (label === 'Verified') return id === plan.zuulId ? { min: -1, max: 1 } : undefined;
  if (id === plan.zuulId) return undefined;
  const core = plan.coreIds.has(id);
  if (label === 'Workflow') return core ? { min: -1, max: 1 } : id === plan.owner._account_id ? { min: -1, max: 0 } : undefined;
  return core ? { min: -2, max: 2 } : { min: -1, max: 1 };
}

function buildLabels(plan: ChangePlan, reviewers: AccountInfo[], currentPs: number, events: ReviewEvent[]): Record<string, LabelInfo> {
  const labels: Record<string, LabelInfo> = {};
  for (const label of ['Code-Review', 'Verified', 'Workflow'] as const) {
    const latest = new Map<number, { value: number; at: number }>();
    for (const ev of events) {
      if (ev.ps !== currentPs) continue;
      for (const [l, value] of ev.votes ?? []) if (l === label) latest.set(ev.by._account_id, { value, at: ev.at });
    }
    const [min, max] = LABEL_RANGE[label];
    const info: LabelInfo & { all: ApprovalInfo[] } = { all: [], values: LABEL_VALUES[label], default_value: 0 };
    for (const account of reviewers) {
      const vote = latest.get(account._account_id);
      const permitted = range(plan, account, label);
      const entry: ApprovalInfo = {
        value: vote?.value ?? 0,
        ...(vote ? { date: gerritTime(vote.at) } : {}),
        ...(permitted ? { permitted_voting_range: permitted } : {}),
        ...account,
      };
      info.all.push(entry);
      // Gerrit's summary: the extreme votes win, then -1 over +1.
      if (!vote || vote.value === 0) continue;
      if (vote.value === min) info.rejected = account;
      else if (vote.value === max) info.approved = account;
      else if (vote.value < 0) info.disliked = account;
      else if (!info.disliked) info.recommended = account;
    }
    // Gerrit leaves `all` out when the change has no reviewers yet.
    const { all, ...rest } = info;
    labels[label] = all.length ? info : rest;
  }
  return labels;
}

/** Keeps what happened up to `end`, then renders the change as of that instant. */
export function renderChange(plan: ChangePlan, end: number, rng: Rng): ChangeInfo {
  const events = plan.events.filter((e) => e.at <= end).sort((a, b) => a.at - b.at);
  const merged = events.find((e) => e.type === 'merge');
  const abandoned = events.find((e) => e.type === 'abandon');
  const status: ChangeStatus = merged ? 'MERGED' : abandoned ? 'ABANDONED' : 'NEW';
  const currentPs = events.reduce((m, e) => (e.type === 'upload' ? Math.max(m, e.ps) : m), 1);
  const patchSets = plan.patchSets.filter((p) => p.ps <= currentPs);

  const reviewerMap = new Map<number, AccountInfo>();
  for (const ev of events) {
    const isOwner = ev.by._account_id === plan.owner._account_id;
    if (ev.type === 'review' && (!isOwner || ev.votes?.length)) reviewerMap.set(ev.by._account_id, ev.by);
    if (ev.type === 'merge') reviewerMap.set(ev.by._account_id, ev.by);
  }
  const reviewers = [...reviewerMap.values()].sort((a, b) => a._account_id - b._account_id);

  let total = 0;
  let unresolved = 0;
  const messages: ChangeMessageInfo[] = events.map((ev) => {
    total += ev.comments ?? 0;
    unresolved = ev.resolves ? 0 : unresolved + (ev.comments ?? 0);
    const msg: ChangeMessageInfo = { id: rng.hex(40), author: ev.by, date: gerritTime(ev.at), message: messageText(ev), _revision_number: ev.ps };
    if (ev.tag) msg.tag = ev.tag;
    return msg;
  });
  if (status === 'MERGED') unresolved = 0;

  const revisions: Record<string, RevisionInfo> = {};
  const project = encodeURIComponent(plan.project);
  for (const p of patchSets) {
    const upload = events.find((e) => e.type === 'upload' && e.ps === p.ps);
    const created = gerritTime(upload?.at ?? plan.created);
    const ref = `refs/changes/${String(plan.number % 100).padStart(2, '0')}/${plan.number}/${p.ps}`;
    revisions[p.sha] = {
      kind: p.kind,
      _number: p.ps,
      created,
      uploader: p.uploader,
      ref,
      fetch: { 'anonymous http': { url: `${REVIEW_SITE}/${plan.project}`, ref } },
      commit: {
        parents: [p.parent],
        author: { name: plan.owner.name, email: plan.owner.email, date: gerritTime(p.authorDate), tz: p.tz },
        committer: { name: p.uploader.name, email: p.uploader.email, date: created, tz: p.tz },
        subject: plan.subject,
        message: p.message,
      },
      files: p.files,
    };
  }
  const current = patchSets[patchSets.length - 1];
  if (!current) throw new Error(`demo change ${plan.number}: no patch set before the end date`);
  let insertions = 0;
  let deletions = 0;
  for (const f of Object.values(current.files)) {
    insertions += f.lines_inserted ?? 0;
    deletions += f.lines_deleted ?? 0;
  }
  const last = events[events.length - 1];

  const change: ChangeInfo = {
    id: `${project}~${encodeURIComponent(plan.branch)}~${plan.changeId}`,
    project: plan.project,
    branch: plan.branch,
    ...(plan.topic ? { topic: plan.topic } : {}),
    hashtags: plan.hashtags,
    change_id: plan.changeId,
    subject: plan.subject,
    status,
    created: gerritTime(plan.created),
    updated: gerritTime(last ? last.at : plan.created),
    ...(merged ? { submitted: gerritTime(merged.at), submitter: merged.by } : {}),
    insertions,
    deletions,
    total_comment_count: total,
    unresolved_comment_count: unresolved,
    ...(plan.wip && status === 'NEW' ? { work_in_progress: true } : {}),
    _number: plan.number,
    owner: plan.owner,
    labels: buildLabels(plan, reviewers, currentPs, events),
    reviewers: reviewers.length ? { REVIEWER: reviewers } : {},
    messages,
    current_revision: current.sha,
    revisions,
  };
  return change;
}
