/**
 * Finds the Chromium the browser tests drive, and installs Debian's `chromium`
 * package when none is there and this process may use apt (root, or sudo
 * without a password). Otherwise it stops with the exact command to run.
 * Playwright's own browser download is not used: the tests need only the npm
 * registry and the distribution's packages.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Command names looked up on PATH, in order. */
export const CHROMIUM_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'] as const;
/** Fixed places checked when PATH has none (Debian, Ubuntu, Google's packages, snap). */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/opt/google/chrome/chrome', '/snap/bin/chromium'] as const;

export const MANUAL_INSTALL = 'sudo apt-get update && sudo apt-get install -y chromium';

/** What the decision needs from the machine; injected in unit tests. */
export interface ChromiumProbe {
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

/** The Chromium to use, or undefined. A set AGORA_CHROMIUM that points nowhere is an error, not a fallback. */
export function findChromium(probe: Pick<ChromiumProbe, 'env' | 'isExecutable'>): string | undefined {
  const wanted = probe.env.AGORA_CHROMIUM;
  if (wanted) {
    if (probe.isExecutable(wanted)) return wanted;
    throw new Error(`AGORA_CHROMIUM=${wanted} is not an executable file: point it at a Chromium or Chrome binary, or unset it to use (or install) /usr/bin/chromium`);
  }
  const dirs = (probe.env.PATH ?? '').split(delimiter).filter((d) => isAbsolute(d));
  for (const name of CHROMIUM_COMMANDS) {
    for (const dir of dirs) {
      const p = join(dir, name);
      if (probe.isExecutable(p)) return p;
    }
  }
  return CHROMIUM_PATHS.find((p) => probe.isExecutable(p));
}

/** The apt-get to call and how (directly or through `sudo -n`), or why it cannot be done. */
export function installPlan(probe: Omit<ChromiumProbe, 'run' | 'log'>): { prefix: string[]; aptGet: string } | { reason: string; apt: boolean } {
  const aptGet = ['/usr/bin/apt-get', '/bin/apt-get'].find((p) => probe.isExecutable(p));
  if (!aptGet) return { reason: 'apt-get is not available (not a Debian or Ubuntu system)', apt: false };
  if (probe.isRoot()) return { prefix: [], aptGet };
  if (probe.canSudo()) return { prefix: ['sudo', '-n'], aptGet };
  return { reason: 'installing needs root, and this process is not root and cannot use sudo without a password', apt: true };
}

export class ChromiumMissing extends Error {
  override name = 'ChromiumMissing';
}

function missingMessage(reason: string, aptAvailable: boolean): string {
  const lines = [
    `The browser tests need Chromium and none was found (AGORA_CHROMIUM is unset; looked for ${CHROMIUM_COMMANDS.join(', ')} on PATH and in ${CHROMIUM_PATHS.join(', ')}).`,
    `It cannot be installed automatically: ${reason}.`,
    aptAvailable ? `Install it once with:\n    ${MANUAL_INSTALL}` : 'Install Chromium or Google Chrome with your system\'s package manager,',
    `${aptAvailable ? 'or point' : 'then point'} the tests at any Chromium or Chrome executable:\n    AGORA_CHROMIUM=/path/to/chromium npm test`,
  ];
  return lines.join('\n');
}

/**
 * The path of a usable Chromium, installing Debian's package first when it is
 * missing and allowed. Throws ChromiumMissing with instructions otherwise.
 */
export async function ensureChromium(probe: ChromiumProbe = systemProbe()): Promise<string> {
  const found = findChromium(probe);
  if (found) return found;
  const plan = installPlan(probe);
  if ('reason' in plan) throw new ChromiumMissing(missingMessage(plan.reason, plan.apt));
  const [cmd, ...pre] = [...plan.prefix, plan.aptGet];
  const env = { ...probe.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for another apt run (a second test run, unattended upgrades) instead of failing on its lock.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  probe.log(`Chromium not found: installing Debian's chromium package for the browser tests (${plan.prefix.join(' ')}${plan.prefix.length ? ' ' : ''}apt-get update, then apt-get install -y chromium)`);
  try {
    await probe.run(cmd!, [...pre, ...lock, 'update', '-q'], env);
    await probe.run(cmd!, [...pre, ...lock, 'install', '-y', '-q', '--no-install-recommends', 'chromium'], env);
  } catch (err) {
    throw new ChromiumMissing(`${(err as Error).message}\nInstalling Chromium failed. Install it yourself with:\n    ${MANUAL_INSTALL}\nor set AGORA_CHROMIUM=/path/to/chromium`);
  }
  const installed = findChromium(probe);
  if (!installed) throw new ChromiumMissing(`apt-get installed chromium but no executable was found afterwards; set AGORA_CHROMIUM=/path/to/chromium`);
  probe.log(`installed Chromium at ${installed}`);
  return installed;
}

/** The real machine. */
export function systemProbe(): ChromiumProbe {
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
