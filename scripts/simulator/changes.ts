/**
 * The simulator's change collection: one JSON line per change, with the few
 * fields queries need pulled out, kept sorted the way Gerrit answers
 * (updated desc, then number desc) and indexed by project.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexedChange } from './query.ts';

export interface ProjectInfo {
  id: string;
  state: string;
  description?: string;
}

function gerritTimeMs(value: unknown, where: string): number {
  const ms = typeof value === 'string' ? Date.parse(`${value.trim().replace(' ', 'T').slice(0, 23)}Z`) : NaN;
  if (Number.isNaN(ms)) throw new Error(`${where}: "updated" is not a Gerrit timestamp: ${JSON.stringify(value)}`);
  return ms;
}

export function indexChange(line: string, where: string): IndexedChange {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${where}: not valid JSON`, { cause: err });
  }
  const number = raw._number;
  if (typeof number !== 'number') throw new Error(`${where}: missing _number`);
  const owner = raw.owner as { _account_id?: unknown } | undefined;
  return {
    number,
    project: String(raw.project ?? ''),
    branch: String(raw.branch ?? ''),
    status: String(raw.status ?? ''),
    ownerId: typeof owner?._account_id === 'number' ? owner._account_id : undefined,
    topic: typeof raw.topic === 'string' ? raw.topic : undefined,
    // A malformed timestamp still gets served (tests feed bad changes on purpose); it sorts last.
    updatedMs: (() => {
      try {
        return gerritTimeMs(raw.updated, where);
      } catch {
        return 0;
      }
    })(),
    line,
  };
}

export class ChangeSet {
  private byNumber = new Map<number, IndexedChange>();
  private sorted: IndexedChange[] = [];
  private byProject = new Map<string, IndexedChange[]>();
  /** Bumped on every change, so cached query results can tell they are stale. */
  version = 0;

  constructor(entries: Iterable<IndexedChange>) {
    for (const e of entries) this.byNumber.set(e.number, e);
    this.reindex();
  }

  static fromObjects(changes: readonly unknown[]): ChangeSet {
    return new ChangeSet(changes.map((c, i) => indexChange(JSON.stringify(c), `change #${i}`)));
  }

  static fromJsonl(path: string): ChangeSet {
    const entries: IndexedChange[] = [];
    let lineNo = 0;
    for (const line of readLines(path)) {
      lineNo++;
      if (line.trim()) entries.push(indexChange(line, `${path}:${lineNo}`));
    }
    return new ChangeSet(entries);
  }

  private reindex(): void {
    this.sorted = [...this.byNumber.values()].sort((a, b) => b.updatedMs - a.updatedMs || b.number - a.number);
    this.byProject = new Map();
    for (const e of this.sorted) {
      let list = this.byProject.get(e.project);
      if (!list) this.byProject.set(e.project, (list = []));
      list.push(e);
    }
    this.version++;
  }

  all(): readonly IndexedChange[] {
    return this.sorted;
  }

  inProject(project: string): readonly IndexedChange[] {
    return this.byProject.get(project) ?? [];
  }

  projects(): string[] {
    return [...this.byProject.keys()].sort();
  }

  upsert(change: unknown): void {
    const e = indexChange(JSON.stringify(change), 'upserted change');
    this.byNumber.set(e.number, e);
    this.reindex();
  }

  remove(number: number): boolean {
    const had = this.byNumber.delete(number);
    if (had) this.reindex();
    return had;
  }

  get(number: number): unknown {
    const e = this.byNumber.get(number);
    return e ? JSON.parse(e.line) : undefined;
  }
}

export function loadFixtureDir(dir: string): { changes: ChangeSet; projects?: Record<string, ProjectInfo> } {
  const changes = ChangeSet.fromJsonl(join(dir, 'changes.jsonl'));
  let projects: Record<string, ProjectInfo> | undefined;
  try {
    projects = JSON.parse(readFileSync(join(dir, 'projects.json'), 'utf8')) as Record<string, ProjectInfo>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${join(dir, 'projects.json')}: cannot read`, { cause: err });
  }
  return { changes, projects };
}

/**
 * The lines of a file, read in chunks: a benchmark corpus (100k changes) is
 * larger than the biggest string V8 can hold, so the file is never one string.
 */
export function* readLines(path: string, chunkSize = 8 * 1024 * 1024): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(chunkSize);
    let rest = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, chunkSize, null);
      if (n === 0) break;
      let data = rest.length ? Buffer.concat([rest, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        yield data.toString('utf8', start, nl);
        start = nl + 1;
      }
      rest = Buffer.from(data.subarray(start));
      data = rest;
    }
    if (rest.length) yield rest.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
