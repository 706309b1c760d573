/**
 * Raw Gerrit REST JSON -> typed upstream records. Pure: text or parsed JSON
 * in, records and skip reasons out. Schemas are loose on purpose: Gerrit adds
 * fields between versions and omits what the request's `o=` options did not
 * ask for, so only what the mapper needs is checked.
 */
import { z } from 'zod';

/** Gerrit prefixes JSON with this line so browsers cannot execute it as script (XSSI). */
export const XSSI_PREFIX = ")]}'";

export function stripXssiPrefix(text: string): string {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (!body.startsWith(XSSI_PREFIX)) return body;
  return body.slice(XSSI_PREFIX.length).replace(/^\r?\n/, '');
}

/**
 * Gerrit timestamps are UTC without a zone: "2018-09-20 11:39:01.000000000".
 * We emit ISO 8601 with a Z. Whole seconds (what every Gerrit we know sends)
 * come out without a fraction ("2018-09-20T11:39:01Z"); a non-zero fraction is
 * kept to milliseconds ("…:01.123Z"), so the text is always the same for the same input.
 */
export function gerritTimeToIso(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z?$/.exec(text.trim());
  if (!m) return undefined;
  const [, day, time, frac] = m;
  const check = new Date(`${day}T${time}Z`);
  if (Number.isNaN(check.getTime())) return undefined;
  const ms = (frac ?? '').padEnd(3, '0').slice(0, 3);
  return ms === '000' ? `${day}T${time}Z` : `${day}T${time}.${ms}Z`;
}

/** Formats an instant the way Gerrit's `after:`/`before:` operators read it (UTC, whole seconds). */
export function isoToGerritQueryTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

const Timestamp = z.string().transform((v, ctx) => {
  const iso = gerritTimeToIso(v);
  if (iso === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a Gerrit timestamp like "2018-09-20 11:39:01.000000000", got ${JSON.stringify(v.slice(0, 40))}` });
    return z.NEVER;
  }
  return iso;
});

export const GerritAccount = z.looseObject({
  _account_id: z.number().int(),
  name: z.string().optional(),
  username: z.string().optional(),
  email: z.string().optional(),
  display_name: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
export type GerritAccount = z.infer<typeof GerritAccount>;

const ApprovalInfo = z.looseObject({
  ...GerritAccount.shape,
  value: z.number().int().optional(),
  date: Timestamp.optional(),
});

const LabelInfo = z.looseObject({
  all: z.array(ApprovalInfo).optional(),
});

const ChangeMessage = z.looseObject({
  id: z.string(),
  author: GerritAccount.optional(),
  real_author: GerritAccount.optional(),
  date: Timestamp,
  message: z.string().default(''),
  _revision_number: z.number().int().optional(),
});

const FileInfo = z.looseObject({
  status: z.string().optional(),
  lines_inserted: z.number().int().optional(),
  lines_deleted: z.number().int().optional(),
});

const RevisionInfo = z.looseObject({
  _number: z.number().int(),
  created: Timestamp,
  uploader: GerritAccount.optional(),
  kind: z.string().optional(),
  commit: z.looseObject({ message: z.string().optional(), subject: z.string().optional() }).optional(),
  files: z.record(z.string(), FileInfo).optional(),
});

/** Older servers still report drafts; the model folds them into open changes. */
const Status = z.string().transform((v, ctx) => {
  const up = v.toUpperCase();
  if (up === 'NEW' || up === 'MERGED' || up === 'ABANDONED') return up;
  if (up === 'DRAFT') return 'NEW' as const;
  ctx.addIssue({ code: 'custom', message: `expected NEW, MERGED or ABANDONED, got ${JSON.stringify(v.slice(0, 40))}` });
  return z.NEVER;
});

export const GerritChange = z.looseObject({
  id: z.string().optional(),
  _number: z.number().int().positive(),
  project: z.string().min(1),
  branch: z.string(),
  change_id: z.string(),
  subject: z.string(),
  status: Status,
  topic: z.string().optional(),
  hashtags: z.array(z.string()).default([]),
  created: Timestamp,
  updated: Timestamp,
  submitted: Timestamp.optional(),
  insertions: z.number().int().default(0),
  deletions: z.number().int().default(0),
  owner: GerritAccount.optional(),
  labels: z.record(z.string(), LabelInfo).optional(),
  messages: z.array(ChangeMessage).optional(),
  current_revision: z.string().optional(),
  revisions: z.record(z.string(), RevisionInfo).optional(),
  _more_changes: z.boolean().optional(),
});
export type GerritChange = z.infer<typeof GerritChange>;

export interface ParseSkip {
  where: string;
  reason: string;
}

function describeRaw(raw: unknown, index: number): string {
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    if (typeof r._number === 'number') return `change ${r._number}`;
    if (typeof r.id === 'string') return `change ${r.id}`;
  }
  return `change at position ${index} of the page`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  return `field ${path}: ${issue.message}`;
}

/** Validates one page of ChangeInfo; bad entries become skips naming the change and the field. */
export function parseChanges(raw: unknown): { changes: GerritChange[]; skipped: ParseSkip[] } {
  if (!Array.isArray(raw)) {
    throw new TypeError(`expected a JSON array of changes, got ${raw === null ? 'null' : typeof raw}`);
  }
  const changes: GerritChange[] = [];
  const skipped: ParseSkip[] = [];
  raw.forEach((entry, i) => {
    const result = GerritChange.safeParse(entry);
    if (result.success) changes.push(result.data);
    else skipped.push({ where: describeRaw(entry, i), reason: result.error.issues.slice(0, 3).map(describeIssue).join('; ') });
  });
  return { changes, skipped };
}

/** `/projects/?d` answers an object keyed by project name. */
export function parseProjectList(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new TypeError('expected a JSON object keyed by project name');
  }
  return Object.keys(raw).sort();
}
