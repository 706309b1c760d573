import type { Rng } from './prng.ts';
import type { FileInfo } from './gerrit-types.ts';
import type { ProjectName } from './community.ts';
import { vocabulary } from './phrases.ts';

/** Plausible file lists and line counts for a revision (1-12 files, long-tailed sizes). */

const STEMS = ['manager', 'utils', 'api', 'driver', 'filters', 'rpcapi', 'models', 'views', 'policy', 'helpers', 'base', 'agent', 'config', 'workflow', 'service'];

function pathFor(rng: Rng, project: ProjectName): { path: string; added: boolean } {
  const v = vocabulary(project);
  const r = rng.next();
  if (r < 0.12 && project !== 'aurora/docs') return { path: `releasenotes/notes/${rng.pick(STEMS)}-${rng.pick(['fix', 'change', 'deprecation'])}-${rng.hex(16)}.yaml`, added: true };
  const dir = rng.pick(v.dirs);
  const stem = rng.pick(STEMS);
  const ext = rng.pick(v.ext);
  const root = project === 'aurora/docs' ? 'doc' : v.module;
  if (dir.includes('tests')) return { path: `${root}/${dir}/test_${stem}.${ext}`, added: rng.chance(0.2) };
  return { path: `${root}/${dir}/${stem}.${ext}`, added: rng.chance(0.05) };
}

function fileInfo(rng: Rng, added: boolean): FileInfo {
  const inserted = Math.max(1, Math.round(rng.logNormal(added ? 40 : 12, 1.1)));
  const deleted = added ? 0 : Math.round(rng.logNormal(5, 1.2) * (rng.chance(0.2) ? 0 : 1));
  const size = added ? inserted * rng.int(28, 46) : rng.int(800, 60000);
  return lineCounts({ size_delta: (inserted - deleted) * rng.int(20, 45), size }, inserted, deleted, added);
}

/** Gerrit leaves out zero line counts and marks added files with status "A". */
function lineCounts(base: { size_delta: number; size: number }, inserted: number, deleted: number, added: boolean): FileInfo {
  // Key order follows Gerrit's FileInfo: status, lines, then sizes.
  return {
    ...(added ? { status: 'A' as const } : {}),
    ...(inserted > 0 ? { lines_inserted: inserted } : {}),
    ...(deleted > 0 ? { lines_deleted: deleted } : {}),
    ...base,
  };
}

export function initialFiles(rng: Rng, project: ProjectName): Record<string, FileInfo> {
  const count = Math.min(12, 1 + Math.floor(rng.logNormal(1.8, 0.9)));
  const files: Record<string, FileInfo> = {};
  for (let i = 0; i < count; i++) {
    const { path, added } = pathFor(rng, project);
    files[path] = fileInfo(rng, added);
  }
  return files;
}

/** A rework touches the same files with different counts, sometimes one more file. */
export function reworkFiles(rng: Rng, project: ProjectName, previous: Record<string, FileInfo>): Record<string, FileInfo> {
  const files: Record<string, FileInfo> = {};
  for (const [path, f] of Object.entries(previous)) {
    const inserted = Math.max(f.status === 'A' ? 1 : 0, (f.lines_inserted ?? 0) + rng.int(-3, 8));
    const deleted = f.status === 'A' ? 0 : Math.max(0, (f.lines_deleted ?? 0) + rng.int(-2, 3));
    files[path] = lineCounts({ size_delta: (inserted - deleted) * 30, size: Math.max(f.size + rng.int(-200, 300), inserted * 30) }, inserted, deleted, f.status === 'A');
  }
  if (Object.keys(files).length < 12 && rng.chance(0.25)) {
    const { path, added } = pathFor(rng, project);
    files[path] = fileInfo(rng, added);
  }
  return files;
}

/** Files of a bot proposal (requirements, translations or release notes). */
export function botFiles(rng: Rng, subject: string, project: ProjectName): Record<string, FileInfo> {
  const root = project === 'aurora/docs' ? 'doc' : vocabulary(project).module;
  const mk = (inserted: number, deleted: number): FileInfo => lineCounts({ size_delta: (inserted - deleted) * 24, size: rng.int(400, 9000) }, inserted, deleted, false);
  if (subject.startsWith('Imported Translations')) {
    const out: Record<string, FileInfo> = {};
    for (const lang of ['de', 'fr', 'ja', 'zh_CN', 'pt_BR', 'ko_KR'].filter(() => rng.chance(0.6))) out[`${root}/locale/${lang}/LC_MESSAGES/django.po`] = mk(rng.int(5, 300), rng.int(5, 200));
    return Object.keys(out).length ? out : { [`${root}/locale/de/LC_MESSAGES/django.po`]: mk(12, 9) };
  }
  if (subject.startsWith('Update master for')) {
    const release = subject.replace('Update master for stable/', '');
    return {
      'releasenotes/source/index.rst': mk(1, 0),
      [`releasenotes/source/${release}.rst`]: lineCounts({ size_delta: 180, size: 180 }, 6, 0, true),
    };
  }
  return { 'requirements.txt': mk(rng.int(1, 4), rng.int(1, 4)), ...(rng.chance(0.5) ? { 'test-requirements.txt': mk(1, 1) } : {}) };
}
