/**
 * A KEP's status history from every version of its kep.yaml in git:
 * provisional -> implementable -> implemented, with the stage (alpha, beta,
 * stable) and latest milestone of each version, dated by the commit that
 * wrote it (committer date, as for the other steps).
 *
 * Reading: the commits come from the one `git log` pass the driver already
 * makes (GitRepository.fileHistory, which follows renames, so a KEP folder
 * moved or renamed keeps its older versions, at the path they had); the
 * texts of all versions of all KEPs come from `git cat-file --batch` in a few
 * large batches, never a process per version.
 *
 * A version that is not YAML, or not a mapping, is left out of the history
 * with a problem naming the file and the commit; the other versions are kept.
 * A version without a status says nothing about the KEP's status and is left
 * out quietly (its other problems are the head version's business: the
 * driver reports those once, not once per old version).
 */
import { posix } from 'node:path';
import type { FileCommit, GitRepository } from '../../lib/git.ts';
import { parseKep, type KepMetadata } from './kep.ts';
import type { MetadataVersion } from './lifecycle.ts';

/** One version of a kep.yaml: the commit that wrote it (its `change.path` is where the file was then) and its text. */
export interface KepVersion {
  commit: FileCommit;
  text: string;
}

export interface KepHistory {
  /** For specLifecycle's `metadata`, oldest first. */
  metadata: MetadataVersion[];
  problems: string[];
}

/** Names per `git cat-file --batch`: a few thousand versions of small files keep each process's output modest. */
const BATCH = 2000;

/** The `<commit>:<path>` of every version in `histories` (deletions have none). */
function versionName(commit: FileCommit): string | undefined {
  // A path with a line break cannot be named in a batch: that version is not read (it is rare, and not worth a process).
  return commit.change.status === 'D' || /[\n\r]/.test(commit.change.path) ? undefined : `${commit.hash}:${commit.change.path}`;
}

/**
 * The text of every version of each kep.yaml, newest first like `histories` (from
 * GitRepository.fileHistory). A version git cannot give (a missing object) is left out.
 */
export async function readKepVersions(repo: Pick<GitRepository, 'readObjects'>, histories: ReadonlyMap<string, readonly FileCommit[]>): Promise<Map<string, KepVersion[]>> {
  const names = [...new Set([...histories.values()].flatMap((commits) => commits.map(versionName).filter((n): n is string => n !== undefined)))];
  const texts = new Map<string, Buffer>();
  for (let i = 0; i < names.length; i += BATCH) {
    for (const [name, bytes] of await repo.readObjects(names.slice(i, i + BATCH))) texts.set(name, bytes);
  }
  const out = new Map<string, KepVersion[]>();
  for (const [path, commits] of histories) {
    const versions: KepVersion[] = [];
    for (const commit of commits) {
      const bytes = texts.get(versionName(commit) ?? '');
      if (bytes) versions.push({ commit, text: bytes.toString('utf8') });
    }
    out.set(path, versions);
  }
  return out;
}

/** The spec document beside a kep.yaml (the folder's README.md). */
const readmeBeside = (kepYaml: string) => posix.join(posix.dirname(kepYaml), 'README.md');

/** `keps/…/kep.yaml:3 in commit 0123456789ab (2021-01-01T00:00:00Z): <what>; …`: parseKep's problem, placed in history. */
function versionProblem(file: string, commit: FileCommit, problem = `${file}: unreadable`): string {
  const m = /^(:\d+)?: ([\s\S]*)$/.exec(problem.startsWith(file) ? problem.slice(file.length) : `: ${problem}`);
  return `${file}${m?.[1] ?? ''} in commit ${commit.hash.slice(0, 12)} (${commit.committed}): ${m?.[2] ?? problem}; this version is left out of the status history`;
}

/**
 * The metadata versions of one KEP (pure). `headText` is the kep.yaml as the driver
 * read it at the head: a version with the same text is not reported again.
 */
export function kepStatusHistory(versions: readonly KepVersion[], headText?: string): KepHistory {
  const metadata: MetadataVersion[] = [];
  const problems: string[] = [];
  for (const { commit, text } of versions) {
    const file = commit.change.path;
    const parsed = parseKep(text, file);
    if (!parsed.readable) {
      if (text !== headText) problems.push(versionProblem(file, commit, parsed.problems[0]));
      continue;
    }
    const { status, stage, latestMilestone } = parsed.meta;
    if (status === undefined) continue;
    metadata.push({
      date: commit.committed,
      commit: commit.hash,
      path: readmeBeside(file),
      statusText: status,
      ...(latestMilestone === undefined ? {} : { release: latestMilestone }),
      ...(stage === undefined ? {} : { stage }),
    });
  }
  return { metadata: metadata.reverse(), problems: problems.reverse() };
}

/**
 * The history with the head's kep.yaml as its last word: when the newest version the log gave
 * does not say what the file at the head says (a merge resolved it otherwise, or no version
 * could be read), the head's status is added, dated by the newest commit of the file.
 */
export function withHeadVersion(metadata: readonly MetadataVersion[], head: KepMetadata, newest: FileCommit | undefined, path: string): MetadataVersion[] {
  const last = metadata.at(-1);
  if (head.status === undefined || newest === undefined) return [...metadata];
  if (last && last.statusText === head.status && last.release === head.latestMilestone && last.stage === head.stage) return [...metadata];
  const at = last && last.date > newest.committed ? last.date : newest.committed;
  return [...metadata, { date: at, commit: newest.hash, path, statusText: head.status, ...(head.latestMilestone === undefined ? {} : { release: head.latestMilestone }), ...(head.stage === undefined ? {} : { stage: head.stage }) }];
}
