/**
 * The demo's meeting schedules as a real irc-meetings git repository
 * (`meetings/<id>.yaml`), committed once with a fixed author and date so the
 * commit hash, which the sync keeps as its cursor, is the same on every run.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const STAMP = '2026-10-31T12:00:00Z';

export async function writeScheduleRepo(dir: string, schedules: ReadonlyMap<string, string>): Promise<string> {
  await mkdir(join(dir, 'meetings'), { recursive: true });
  for (const [file, text] of schedules) await writeFile(join(dir, 'meetings', file), text);
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Aurora Infra', GIT_AUTHOR_EMAIL: 'infra@aurora.example', GIT_COMMITTER_NAME: 'Aurora Infra', GIT_COMMITTER_EMAIL: 'infra@aurora.example', GIT_AUTHOR_DATE: STAMP, GIT_COMMITTER_DATE: STAMP };
  const git = (...args: string[]) => run('git', ['-c', 'init.defaultBranch=master', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env });
  await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'Aurora meeting schedules');
  return dir;
}
