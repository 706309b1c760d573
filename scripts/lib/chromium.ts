/**
 * Finds the Chromium the browser tests drive, and installs Debian's `chromium`
 * package when none is there and this process may use apt (root, or sudo
 * without a password). Otherwise it stops with the exact command to run.
 * Playwright's own browser download is not used: the tests need only the npm
 * registry and the distribution's packages.
 */
import { delimiter, isAbsolute, join } from 'node:path';
import { aptInstallPlan, ensureDebianPackage, manualInstall, systemProbe, type AptPlan, type DebianProbe } from './debian.ts';

export { systemProbe };

/** Command names looked up on PATH, in order. */
export const CHROMIUM_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'] as const;
/** Fixed places checked when PATH has none (Debian, Ubuntu, Google's packages, snap). */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/opt/google/chrome/chrome', '/snap/bin/chromium'] as const;

export const MANUAL_INSTALL = manualInstall('chromium');

/** What the decision needs from the machine; injected in unit tests. */
export type ChromiumProbe = DebianProbe;

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
export const installPlan: (probe: Omit<ChromiumProbe, 'run' | 'log'>) => AptPlan = aptInstallPlan;

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
  const installed = await ensureDebianPackage(
    {
      name: 'chromium',
      label: 'Chromium',
      purpose: 'for the browser tests',
      check: () => findChromium(probe),
      missing: (reason, apt) => new ChromiumMissing(missingMessage(reason, apt)),
      failed: (err) => new ChromiumMissing(`${err.message}\nInstalling Chromium failed. Install it yourself with:\n    ${MANUAL_INSTALL}\nor set AGORA_CHROMIUM=/path/to/chromium`),
      stillMissing: () => new ChromiumMissing('apt-get installed chromium but no executable was found afterwards; set AGORA_CHROMIUM=/path/to/chromium'),
    },
    probe,
  );
  probe.log(`installed Chromium at ${installed}`);
  return installed;
}
