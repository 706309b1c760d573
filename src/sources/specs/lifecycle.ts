/**
 * A spec's life (pure): where it was and in what status, from when, built
 * from the git history of its file(s), the moves its repository's
 * `redirects` files record, and, for a KEP, the statuses its kep.yaml had.
 *
 * - git: each time the spec's file arrives at a path (added there, renamed or
 *   copied there) is a step; the path says the release and status
 *   (layout.ts). Edits in place are not steps. A name proposed again in a
 *   later release is a second file of the same key, so its arrival is a step
 *   too, and so is a symbolic link that puts the spec in a later release than
 *   the file it points at. A history is cut where the file was made from a template (a rename
 *   or copy of one): what came before was the template's life.
 * - redirects: a move `from -> to` the git history does not show (the file
 *   was rewritten as it moved, or the history is cut) gives a step at
 *   `from`, just before the step at `to`, dated like it unless the move
 *   carries its own date (git does not say when a line was written).
 * - metadata (KEPs): each kep.yaml version whose status, stage or latest
 *   milestone differs from the one before is a step; the KEP's git steps
 *   (moves) carry the status the kep.yaml had then.
 *
 * Steps are dated by the commit's committer date (when a reviewed change
 * landed); `created` is the first commit's author date (when the spec was
 * written), `updated` the newest committer date.
 */
import type { FileCommit, GitPerson } from '../../lib/git.ts';
import type { SpecStatus, SpecStep } from '../../model/spec.ts';
import { classifyPath, compareReleases, type SpecLayout } from './layout.ts';
import { followMoves, type RedirectMove } from './redirects.ts';
import { normaliseStatus, statusRank } from './status.ts';

export interface PathHistory {
  /** A path of the spec (a current file, or an old path whose history the driver also read). */
  path: string;
  /** Its commits, newest first, as GitRepository.fileHistory gives them. */
  commits: readonly FileCommit[];
}

export interface MetadataVersion {
  /** When this version of the metadata landed (committer date), UTC ISO. */
  date: string;
  commit?: string;
  /** The spec document's path at the time (the KEP's README.md). */
  path: string;
  /** `status` as written; absent or empty when the version had none. */
  statusText?: string;
  /** `latest-milestone`, as written. */
  release?: string;
  /** `stage` (alpha, beta, stable), as written. */
  stage?: string;
}

export interface DatedMove extends RedirectMove {
  /** When the line was written, when the driver knows. */
  date?: string;
}

export interface AliasHistory extends PathHistory {
  /** The spec file the link resolves to. */
  target: string;
}

export interface LifecycleInput {
  key: string;
  layout: SpecLayout;
  histories: readonly PathHistory[];
  /**
   * The spec's symbolic links, with their histories. A link in a later release than its target
   * is the spec approved again there (a step, dated when the link was made); one in the same or
   * an earlier release points back at where the spec went (no step).
   */
  aliases?: readonly AliasHistory[];
  /** Every move of the repository's redirects files (those of other specs are left aside). */
  moves?: readonly DatedMove[];
  /** KEPs: the versions of kep.yaml, in any order. */
  metadata?: readonly MetadataVersion[];
}

export interface Lifecycle {
  /** Oldest first. */
  history: SpecStep[];
  /** Where it stands now (the newest step); `other` with no text when nothing is known. */
  path?: string;
  release?: string;
  status: SpecStatus;
  statusText: string;
  created?: string;
  updated?: string;
  /** Commit authors, first commit's first, each commit's co-authors after its author; once each. */
  authors: GitPerson[];
}

type Source = SpecStep['from'];
const SOURCE_RANK: Record<Source, number> = { metadata: 0, redirects: 1, git: 2 };

interface Draft extends SpecStep {
  /** Git steps of a KEP take the metadata's status once steps are in order. */
  needsStatus?: boolean;
  /** For a redirects step: the moves from its path to where the chain ends; earlier places sort first at one date. */
  hops?: number;
}

/** The commits of one path's history that belong to the spec: up to (and with) the one that made it from a template. */
function ownCommits(history: PathHistory, layout: SpecLayout): FileCommit[] {
  const kept: FileCommit[] = [];
  for (const commit of history.commits) {
    kept.push(commit);
    const { status, from } = commit.change;
    if ((status === 'R' || status === 'C') && from !== undefined) {
      const c = classifyPath(from, layout);
      if (!c.spec && c.reason === 'template') break;
    }
  }
  return kept;
}

/** What a path says in the layout: release and status (KEP paths say no status). */
function placeStep(path: string, layout: SpecLayout, date: string, commit: string | undefined, from: Source): Draft {
  const c = classifyPath(path, layout);
  const release = c.spec ? c.release : undefined;
  if (layout === 'kep') return { date, ...(commit ? { commit } : {}), path, status: 'other', statusText: '', from, needsStatus: true };
  const { status, statusText } = normaliseStatus(c.spec ? c.statusText : undefined);
  return { date, ...(commit ? { commit } : {}), path, ...(release === undefined ? {} : { release }), status, statusText, from };
}

/** Arrivals of the file at a path: additions, renames and copies, and the oldest commit known (a cut history's start). */
function gitSteps(histories: readonly PathHistory[], layout: SpecLayout): { steps: Draft[]; commits: FileCommit[] } {
  const steps: Draft[] = [];
  const commits: FileCommit[] = [];
  for (const history of histories) {
    const own = ownCommits(history, layout);
    own.forEach((commit, i) => {
      commits.push(commit);
      const arrives = ['A', 'R', 'C'].includes(commit.change.status) || i === own.length - 1;
      if (arrives && commit.change.status !== 'D') steps.push(placeStep(commit.change.path, layout, commit.committed, commit.hash, 'git'));
    });
  }
  return { steps, commits };
}

/** Links that put the spec in a later release than the file they point at: a step each, when the path became a link. */
function aliasSteps(aliases: readonly AliasHistory[], layout: SpecLayout): Draft[] {
  const out: Draft[] = [];
  for (const alias of aliases) {
    const at = classifyPath(alias.path, layout);
    const to = classifyPath(alias.target, layout);
    if (!at.spec || !to.spec || compareReleases(at.release, to.release) <= 0) continue;
    // The path became a link when it was added as one, or changed type from a file.
    const made = alias.commits.find((c) => c.change.status === 'A' || c.change.status === 'T') ?? alias.commits.at(-1);
    if (made) out.push(placeStep(alias.path, layout, made.committed, made.hash, 'git'));
  }
  return out;
}

/** The moves that concern this spec: into one of its paths (or into a path of a move already taken), or between paths of its key. */
function movesOf(input: LifecycleInput, known: Set<string>): DatedMove[] {
  const all = input.moves ?? [];
  const keyOf = (path: string) => {
    const c = classifyPath(path, input.layout);
    return c.spec ? c.key : undefined;
  };
  const taken = new Set<DatedMove>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const move of all) {
      if (taken.has(move) || !(known.has(move.to) || keyOf(move.to) === input.key)) continue;
      taken.add(move);
      known.add(move.from);
      grew = true;
    }
  }
  return [...taken];
}

function redirectSteps(input: LifecycleInput, steps: readonly Draft[], paths: Set<string>): Draft[] {
  const out: Draft[] = [];
  const moves = movesOf(input, new Set(paths));
  const firstAt = (path: string) => steps.filter((s) => s.path === path).map((s) => s.date).sort()[0];
  const earliest = steps.map((s) => s.date).sort()[0];
  for (const move of moves) {
    if (steps.some((s) => s.path === move.from)) continue;
    const date = move.date ?? firstAt(move.to) ?? firstAt(followMoves(move.to, moves).path) ?? earliest;
    if (date === undefined) continue;
    out.push({ ...placeStep(move.from, input.layout, date, undefined, 'redirects'), hops: followMoves(move.from, moves).moves.length });
  }
  return out;
}

/** A step per kep.yaml version whose status (or stage, or latest milestone) differs from the previous version's. */
function metadataSteps(versions: readonly MetadataVersion[]): Draft[] {
  const out: Draft[] = [];
  let last: string | undefined;
  for (const v of [...versions].sort((a, b) => a.date.localeCompare(b.date))) {
    const { status, statusText } = normaliseStatus(v.statusText);
    const release = v.release?.trim() || undefined;
    const stage = v.stage?.trim() || undefined;
    const signature = JSON.stringify([status, status === 'other' ? statusText : '', release ?? '', stage?.toLowerCase() ?? '']);
    if (signature === last) continue;
    last = signature;
    out.push({ date: v.date, ...(v.commit ? { commit: v.commit } : {}), path: v.path, ...(release === undefined ? {} : { release }), status, statusText, ...(stage === undefined ? {} : { stage }), from: 'metadata' });
  }
  return out;
}

function compareSteps(layout: SpecLayout) {
  return (a: Draft, b: Draft): number => {
    const byDate = a.date.localeCompare(b.date);
    if (byDate !== 0) return byDate;
    // A KEP's steps of one moment: the metadata first, so that a git step takes its status.
    if (layout === 'kep') return SOURCE_RANK[a.from] - SOURCE_RANK[b.from];
    return (b.hops ?? 0) - (a.hops ?? 0) || compareReleases(a.release, b.release) || statusRank(a.status) - statusRank(b.status) || SOURCE_RANK[a.from] - SOURCE_RANK[b.from] || a.path.localeCompare(b.path);
  };
}

/** KEP git steps take the status (and milestone, and stage) of the metadata step before them. */
function fillStatuses(steps: Draft[]): void {
  let current: Draft | undefined;
  for (const step of steps) {
    if (step.from === 'metadata') current = step;
    else if (step.needsStatus && current) {
      step.status = current.status;
      step.statusText = current.statusText;
      if (current.release !== undefined) step.release = current.release;
      if (current.stage !== undefined) step.stage = current.stage;
    }
  }
}

/** Drops a step that says what the one before it said (the same path, release and status). */
function withoutRepeats(steps: readonly Draft[]): SpecStep[] {
  const out: SpecStep[] = [];
  for (const { needsStatus: _, hops: __, ...step } of steps) {
    const prev = out.at(-1);
    if (prev && prev.path === step.path && prev.release === step.release && prev.status === step.status && prev.statusText === step.statusText && prev.stage === step.stage) continue;
    out.push(step);
  }
  return out;
}

/** Distinct people, first seen first: each commit's author, then its co-authors, oldest commit first. */
function authorsOf(commits: readonly FileCommit[]): GitPerson[] {
  const seen = new Set<string>();
  const out: GitPerson[] = [];
  const ordered = [...new Map(commits.map((c) => [c.hash, c])).values()].sort((a, b) => a.committed.localeCompare(b.committed) || a.date.localeCompare(b.date));
  for (const commit of ordered) {
    for (const person of [commit.author, ...commit.coAuthors]) {
      const id = (person.email || person.name).trim().toLowerCase();
      if (!id || seen.has(id)) continue;
      seen.add(id);
      out.push(person);
    }
  }
  return out;
}

/** The life of one spec (see the module comment). */
export function specLifecycle(input: LifecycleInput): Lifecycle {
  const paths = new Set(input.histories.map((h) => h.path));
  const { steps: fromGit, commits } = gitSteps(input.histories, input.layout);
  const drafts = [...fromGit, ...aliasSteps(input.aliases ?? [], input.layout), ...redirectSteps(input, fromGit, paths), ...metadataSteps(input.metadata ?? [])].sort(compareSteps(input.layout));
  if (input.layout === 'kep') fillStatuses(drafts);
  const history = withoutRepeats(drafts);
  const newest = history.at(-1);
  const currentPath = [...history].reverse().find((s) => paths.has(s.path))?.path ?? newest?.path;
  const authorDates = commits.map((c) => c.date).sort();
  const commitDates = commits.map((c) => c.committed).sort();
  return {
    history,
    ...(currentPath === undefined ? {} : { path: currentPath }),
    ...(newest?.release === undefined ? {} : { release: newest.release }),
    status: newest?.status ?? 'other',
    statusText: newest?.statusText ?? '',
    ...(authorDates[0] === undefined ? {} : { created: authorDates[0] }),
    ...(commitDates.at(-1) === undefined ? {} : { updated: commitDates.at(-1) }),
    authors: authorsOf(commits),
  };
}
