/**
 * Typed Gerrit change -> the model's Change item. Pure. E-mail addresses
 * stop here: accounts keep only the lower-cased domain, and every string of
 * the item (free text, names, keys) has addresses masked, obfuscated ones too.
 */
import type { GerritSourceConfig } from '../../config/schema.ts';
import { CHANGE_KIND, type Change, type LabelSummary, type PatchSet, type ReviewMessage, type Vote } from '../../model/change.ts';
import { makeItem, type Item } from '../../model/item.ts';
import { maskDeep, maskEmail, type Account } from '../../model/person.ts';
import { botsByMessages, gerritAccountIsBot } from './bots.ts';
import { accountKey, LABEL_SUMMARIES, type GerritAccount, type GerritChange } from './parse.ts';

export interface MapContext {
  config: Pick<GerritSourceConfig, 'id' | 'url' | 'webUrl'>;
  /** Extra bot patterns (config.bots, compiled once by the caller). */
  botPatterns: readonly RegExp[];
  /** Account ids the config names as bots (its all-digit `bots` entries). */
  botIds?: ReadonlySet<string>;
}

function emailDomain(email: string | undefined): string | undefined {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return undefined;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return /^[\p{L}\p{N}\p{M}.-]+\.(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]+)$/u.test(domain) ? domain : undefined;
}

type Bots = Pick<MapContext, 'botPatterns' | 'botIds'>;

function toAccount(a: GerritAccount, id: string, bots: Bots): Account {
  // Servers without DETAILED_ACCOUNTS (or hiding details) send only the id.
  const rawName = a.name ?? a.display_name ?? a.username ?? `Account ${id}`;
  const name = maskEmail(rawName);
  const username = a.username === undefined ? undefined : maskEmail(a.username);
  const isBot = !!bots.botIds?.has(id) || gerritAccountIsBot({ name: rawName, username: a.username, tags: a.tags }, bots.botPatterns);
  const account: Account = { id, name, isBot };
  if (username !== undefined) account.username = username;
  const domain = emailDomain(a.email);
  if (domain) account.emailDomain = domain;
  return account;
}

/** Adds an account, keeping the most detailed version seen (some places send only the id). */
function remember(accounts: Record<string, Account>, a: GerritAccount | undefined, bots: Bots): string | undefined {
  const id = accountKey(a);
  if (!a || id === undefined) return undefined;
  const next = toAccount(a, id, bots);
  const prev = accounts[next.id];
  const detail = (x: Account): number => (x.username ? 1 : 0) + (x.emailDomain ? 1 : 0) + (x.name.startsWith('Account ') ? 0 : 2);
  if (!prev || detail(next) > detail(prev)) accounts[next.id] = next;
  return next.id;
}

const VOTE_LINE = /^Patch Set (\d+):([^\n]*)/;
const VOTE_TOKEN = /^(-?)([A-Za-z][A-Za-z0-9-]*?)([+-]\d+)?$/;

/** Votes written in a review message's first line: "Patch Set 3: Code-Review+2 Workflow+1" or "-Code-Review" (removed). */
export function votesInMessage(text: string): { patchSet: number; votes: { label: string; value: number }[] } | undefined {
  const m = VOTE_LINE.exec(text);
  if (!m) return undefined;
  const votes: { label: string; value: number }[] = [];
  for (const token of (m[2] ?? '').trim().split(/\s+/)) {
    if (!token) continue;
    const t = VOTE_TOKEN.exec(token);
    // Anything else on the line ("(3 comments)", free text) ends the vote list.
    if (!t) break;
    const [, removed, label, value] = t;
    if (removed) votes.push({ label: label ?? '', value: 0 });
    else if (value) votes.push({ label: label ?? '', value: Number(value) });
    else break;
  }
  return { patchSet: Number(m[1]), votes };
}

function compareVotes(a: Vote, b: Vote): number {
  return a.label.localeCompare(b.label) || (a.date ?? '').localeCompare(b.date ?? '') || a.by.localeCompare(b.by) || a.value - b.value;
}

function collectVotes(change: GerritChange, messages: ReviewMessage[]): Vote[] {
  const votes: Vote[] = [];
  // LABELS without DETAILED_LABELS sends labels with no `all`: that says nothing about who voted.
  if (Object.values(change.labels ?? {}).some((info) => info.all !== undefined)) {
    // labels.<L>.all is authoritative: the current vote of every reviewer.
    for (const [label, info] of Object.entries(change.labels ?? {})) {
      for (const a of info.all ?? []) {
        const value = a.value ?? 0;
        // A 0 without a date is a reviewer who never voted; a dated 0 is a vote taken back.
        if (value === 0 && !a.date) continue;
        const by = accountKey(a);
        if (by === undefined) continue;
        const vote: Vote = { label, value, by };
        if (a.date) vote.date = a.date;
        const said = messages.find((m) => m.author === vote.by && m.date === a.date && m.patchSet !== undefined);
        if (said?.patchSet !== undefined) vote.patchSet = said.patchSet;
        votes.push(vote);
      }
    }
  } else {
    // No DETAILED_LABELS (older dumps, LABELS only): the vote history is still in the messages.
    for (const m of messages) {
      if (!m.author) continue;
      const found = votesInMessage(m.text);
      for (const v of found?.votes ?? []) votes.push({ label: v.label, value: v.value, by: m.author, date: m.date, patchSet: found?.patchSet });
    }
  }
  return votes.sort(compareVotes);
}

type Revision = NonNullable<GerritChange['revisions']>[string];

/** A revision's patch set number: `_number`, else the last part of its ref (`refs/changes/45/12345/3`). */
function patchSetNumber(r: Revision): number | undefined {
  if (r._number !== undefined) return r._number;
  const refs = [r.ref, ...Object.values(r.fetch ?? {}).map((f) => f.ref)];
  for (const ref of refs) {
    const m = ref ? /^refs\/changes\/\d+\/\d+\/(\d+)$/.exec(ref) : null;
    if (m) return Number(m[1]);
  }
  return undefined;
}

function patchSetsOf(change: GerritChange, accounts: Record<string, Account>, bots: Bots): PatchSet[] {
  const out: PatchSet[] = [];
  const revisions = Object.entries(change.revisions ?? {});
  for (const [revision, r] of revisions) {
    // Without a number or a ref, a lone revision is the only patch set we know of.
    const number = patchSetNumber(r) ?? (revisions.length === 1 ? 1 : undefined);
    if (number === undefined) continue;
    const ps: PatchSet = { number, revision };
    // Before 2.9 a revision carries no creation time: it stays absent.
    if (r.created) ps.created = r.created;
    const uploader = remember(accounts, r.uploader, bots);
    if (uploader) ps.uploader = uploader;
    // RevisionInfo.kind is the rebase kind (REWORK, TRIVIAL_REBASE…), not a JSON type tag.
    if (r.kind && !r.kind.startsWith('gerritcodereview#')) ps.kind = r.kind;
    if (r.files) {
      ps.files = Object.entries(r.files)
        // Magic files (/COMMIT_MSG, /MERGE_LIST, /PATCHSET_LEVEL) are not part of the tree.
        .filter(([path]) => !path.startsWith('/'))
        .map(([path, f]) => ({ path: maskEmail(path), insertions: f.lines_inserted ?? 0, deletions: f.lines_deleted ?? 0, ...(f.status ? { status: f.status } : {}) }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    }
    out.push(ps);
  }
  return out.sort((a, b) => a.number - b.number);
}

/**
 * The label summary of servers that send no per-reviewer votes (LABELS only, or
 * 2.6-2.8): who approved, rejected, recommended or disliked each label. Kept only
 * for labels without a vote in `all`, where it is the only record of the review.
 */
function labelSummaryOf(change: GerritChange, accounts: Record<string, Account>, bots: Bots): LabelSummary[] {
  const out: LabelSummary[] = [];
  for (const [label, info] of Object.entries(change.labels ?? {})) {
    if (info.all?.length) continue;
    for (const status of LABEL_SUMMARIES) {
      const a = info[status];
      if (!a) continue;
      const entry: LabelSummary = { label, status };
      const by = remember(accounts, a, bots);
      if (by !== undefined) entry.by = by;
      out.push(entry);
    }
  }
  return out.sort((a, b) => a.label.localeCompare(b.label) || LABEL_SUMMARIES.indexOf(a.status) - LABEL_SUMMARIES.indexOf(b.status));
}

/**
 * Link to the change in the Gerrit web UI. A project name that held an address
 * is linked by number alone (`/<number>`, which every Gerrit version redirects),
 * so the address is not kept in the link either.
 */
export function changeUrl(base: string, project: string, number: number): string {
  const root = base.replace(/\/+$/, '');
  return maskEmail(project) === project ? `${root}/c/${project}/+/${number}` : `${root}/${number}`;
}

export function mapChange(change: GerritChange, ctx: MapContext): Item<Change> {
  const bots: Bots = ctx;
  const accounts: Record<string, Account> = {};
  const owner = remember(accounts, change.owner, bots);
  const messages: ReviewMessage[] = (change.messages ?? []).map((m, i) => {
    const msg: ReviewMessage = { id: m.id ?? `message-${i + 1}`, date: m.date, text: maskEmail(m.message) };
    const author = remember(accounts, m.author, bots);
    if (author) msg.author = author;
    if (m._revision_number !== undefined) msg.patchSet = m._revision_number;
    return msg;
  });
  const votes = collectVotes(change, messages);
  for (const info of Object.values(change.labels ?? {})) {
    for (const a of info.all ?? []) if (votes.some((v) => v.by === accountKey(a))) remember(accounts, a, bots);
  }
  const labelSummary = labelSummaryOf(change, accounts, bots);
  const patchSets = patchSetsOf(change, accounts, bots);
  // Per change: what an account posts here is what tells a name-less CI from a person.
  for (const id of botsByMessages(change.messages ?? [])) {
    const account = accounts[id];
    if (account) account.isBot = true;
  }
  const current = change.current_revision ? change.revisions?.[change.current_revision] : undefined;
  const latest = current ?? Object.values(change.revisions ?? {}).sort((a, b) => (patchSetNumber(b) ?? 0) - (patchSetNumber(a) ?? 0))[0];
  const base = ctx.config.webUrl ?? ctx.config.url;
  const data: Change = {
    number: change._number,
    changeId: change.change_id,
    project: change.project,
    branch: maskEmail(change.branch),
    hashtags: change.hashtags.map((h) => maskEmail(h)).sort(),
    subject: maskEmail(change.subject),
    status: change.status,
    created: change.created,
    updated: change.updated,
    insertions: change.insertions,
    deletions: change.deletions,
    patchSets,
    votes,
    messages,
    accounts,
    url: changeUrl(base, change.project, change._number),
  };
  if (change.topic) data.topic = maskEmail(change.topic);
  if (latest?.commit?.message !== undefined) data.commitMessage = maskEmail(latest.commit.message);
  if (owner) data.owner = owner;
  if (change.submitted) data.submitted = change.submitted;
  if (labelSummary.length) data.labelSummary = labelSummary;
  const latestNumber = latest ? patchSetNumber(latest) : undefined;
  const currentFiles = patchSets.find((p) => p.number === latestNumber)?.files;
  if (currentFiles) data.filesChanged = currentFiles.length;
  return makeItem<Change>({
    source: ctx.config.id,
    type: 'gerrit',
    origin: base,
    kind: CHANGE_KIND,
    nativeId: change._number,
    updatedOn: change.updated,
    // Every string and key: project, label and file names, revision keys, Change-Id, ids.
    data: maskDeep(data),
  });
}
