/**
 * Git repositories made by tests in a temporary folder: fixed author and
 * committer dates, an identity and no signing whatever the machine's config
 * says, so that hashes and dates are the same on every run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface CommitOptions {
  /** ISO date of the author, and of the committer unless `committed` is given. */
  date: string;
  committed?: string;
  author?: string;
  email?: string;
  /** Lines added after a blank line (trailers). */
  trailers?: string[];
}

export class TestRepo {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    this.git('init', '-q');
  }

  /** A repository in a new temporary folder; `remove()` deletes it. */
  static temp(prefix = 'agora-git-'): TestRepo {
    return new TestRepo(join(mkdtempSync(join(tmpdir(), prefix)), 'repo'));
  }

  remove(): void {
    rmSync(dirname(this.dir), { recursive: true, force: true });
  }

  git(...args: string[]): string {
    return this.gitEnv({}, ...args);
  }

  private gitEnv(env: Record<string, string>, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', '-c', 'core.symlinks=true', ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    }).trim();
  }

  write(path: string, text: string | Buffer): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    return this;
  }

  link(path: string, target: string): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    symlinkSync(target, full);
    return this;
  }

  move(from: string, to: string): this {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    this.git('mv', from, to);
    return this;
  }

  rm(path: string): this {
    this.git('rm', '-q', path);
    return this;
  }

  /** Commits everything in the working tree; gives the new commit's hash. */
  commit(message: string, opts: CommitOptions): string {
    this.git('add', '-A');
    const body = opts.trailers?.length ? `${message}\n\n${opts.trailers.join('\n')}` : message;
    const env = {
      GIT_AUTHOR_DATE: opts.date,
      GIT_COMMITTER_DATE: opts.committed ?? opts.date,
      GIT_AUTHOR_NAME: opts.author ?? 'Test',
      GIT_AUTHOR_EMAIL: opts.email ?? 'test@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
    };
    this.gitEnv(env, 'commit', '-q', '--allow-empty', '-m', body);
    return this.git('rev-parse', 'HEAD');
  }
}
