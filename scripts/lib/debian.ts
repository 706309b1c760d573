/**
 * Makes sure a Debian package the tools need is there: checks for it, and when
 * it is missing installs it with apt-get if this process may (root, or sudo
 * without a password); otherwise it stops with the exact command to run.
 * Used for Chromium (the browser tests) and docutils (the RST spec renderer).
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';

/** What the decision needs from the machine; injected in unit tests. */
export interface DebianProbe {
  env: Record<string, string | undefined>;
  /** An executable regular file at this absolute path. */
  isExecutable(path: string): boolean;
  isRoot(): boolean;
  /** `sudo -n true` succeeds (sudo present, no password needed). */
  canSudo(): boolean;
  /** Runs a command with inherited output; rejects on a non-zero exit. */
  run(command: string, args: string[], env: Record<string, string | undefined>): Promise<void>;
  log(message: string): void;
}

export type AptPlan = { prefix: string[]; aptGet: string } | { reason: string; apt: boolean };

/** The apt-get to call and how (directly or through `sudo -n`), or why it cannot be done. */
export function aptInstallPlan(probe: Omit<DebianProbe, 'run' | 'log'>): AptPlan {
  const aptGet = ['/usr/bin/apt-get', '/bin/apt-get'].find((p) => probe.isExecutable(p));
  if (!aptGet) return { reason: 'apt-get is not available (not a Debian or Ubuntu system)', apt: false };
  if (probe.isRoot()) return { prefix: [], aptGet };
  if (probe.canSudo()) return { prefix: ['sudo', '-n'], aptGet };
  return { reason: 'installing needs root, and this process is not root and cannot use sudo without a password', apt: true };
}

/** The command a person runs to install `name` by hand. */
export const manualInstall = (name: string) => `sudo apt-get update && sudo apt-get install -y ${name}`;

export interface DebianPackage<T> {
  /** The apt package name. */
  name: string;
  /** What it is called in messages ("Chromium", "docutils"). */
  label: string;
  /** Why it is needed, after "installing Debian's <name> package" ("for the browser tests"). */
  purpose?: string;
  /** What is there (a path, a version), or undefined when missing. */
  check(): T | undefined;
  /** The error when it is missing and cannot be installed here. */
  missing(reason: string, aptAvailable: boolean): Error;
  /** The error when apt-get failed. */
  failed(error: Error): Error;
  /** The error when apt-get succeeded but `check` still finds nothing. */
  stillMissing(): Error;
}

/** What `check` finds, installing the package first when it is missing and allowed. */
export async function ensureDebianPackage<T>(pkg: DebianPackage<T>, probe: DebianProbe = systemProbe()): Promise<T> {
  const found = pkg.check();
  if (found !== undefined) return found;
  const plan = aptInstallPlan(probe);
  if ('reason' in plan) throw pkg.missing(plan.reason, plan.apt);
  const [cmd, ...pre] = [...plan.prefix, plan.aptGet];
  const env = { ...probe.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for another apt run (a second test run, unattended upgrades) instead of failing on its lock.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  const how = `${plan.prefix.join(' ')}${plan.prefix.length ? ' ' : ''}apt-get update, then apt-get install -y ${pkg.name}`;
  probe.log(`${pkg.label} not found: installing Debian's ${pkg.name} package${pkg.purpose ? ` ${pkg.purpose}` : ''} (${how})`);
  try {
    await probe.run(cmd!, [...pre, ...lock, 'update', '-q'], env);
    await probe.run(cmd!, [...pre, ...lock, 'install', '-y', '-q', '--no-install-recommends', pkg.name], env);
  } catch (err) {
    throw pkg.failed(err as Error);
  }
  const installed = pkg.check();
  if (installed === undefined) throw pkg.stillMissing();
  return installed;
}

/** The real machine. */
export function systemProbe(): DebianProbe {
  return {
    env: process.env,
    isExecutable(path) {
      try {
        if (!statSync(path).isFile()) return false;
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    isRoot: () => process.getuid?.() === 0,
    canSudo: () => spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
    run: (command, args, env) =>
      new Promise((resolve, reject) => {
        // apt's output goes to stderr, beside the test runner's progress rather than into a reporter's stdout.
        const child = spawn(command, args, { env, stdio: ['ignore', 2, 2] });
        child.on('error', reject);
        child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`))));
      }),
    log: (message) => console.error(message),
  };
}

// --- docutils, for the reStructuredText spec renderer (src/sources/specs/rst.ts) ---

/** The Python the renderer runs: Debian's, which sees Debian's python3-docutils (a pyenv `python3` on PATH does not). */
export const DOCUTILS_PYTHON = '/usr/bin/python3';
export const DOCUTILS_PACKAGE = 'python3-docutils';

export class DocutilsMissing extends Error {
  override name = 'DocutilsMissing';
}

/** docutils' version as `python` imports it, or undefined. */
export function importDocutils(python = DOCUTILS_PYTHON): string | undefined {
  const run = spawnSync(python, ['-I', '-c', 'import docutils; print(docutils.__version__)'], { encoding: 'utf8', timeout: 60_000 });
  return run.status === 0 && run.stdout.trim() ? run.stdout.trim() : undefined;
}

/**
 * docutils' version for /usr/bin/python3, installing Debian's python3-docutils
 * first when it is missing and allowed. Throws DocutilsMissing with the command otherwise.
 */
export async function ensureDocutils(probe: DebianProbe = systemProbe(), check: () => string | undefined = () => importDocutils()): Promise<string> {
  const manual = manualInstall(DOCUTILS_PACKAGE);
  const version = await ensureDebianPackage(
    {
      name: DOCUTILS_PACKAGE,
      label: 'docutils',
      purpose: 'for the reStructuredText spec renderer',
      check,
      missing: (reason, apt) =>
        new DocutilsMissing(
          [
            `Rendering reStructuredText specs needs docutils, and ${DOCUTILS_PYTHON} cannot import it.`,
            `It cannot be installed automatically: ${reason}.`,
            apt ? `Install it once with:\n    ${manual}` : `Install Python 3 and docutils (Debian: ${DOCUTILS_PACKAGE}) with your system's package manager, so that ${DOCUTILS_PYTHON} can import docutils.`,
          ].join('\n'),
        ),
      failed: (err) => new DocutilsMissing(`${err.message}\nInstalling docutils failed. Install it yourself with:\n    ${manual}`),
      stillMissing: () => new DocutilsMissing(`apt-get installed ${DOCUTILS_PACKAGE} but ${DOCUTILS_PYTHON} still cannot import docutils`),
    },
    probe,
  );
  return version;
}
