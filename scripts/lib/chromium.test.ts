import { describe, expect, it } from 'vitest';
import { ChromiumMissing, ensureChromium, findChromium, installPlan, type ChromiumProbe } from './chromium.ts';

interface Fake extends ChromiumProbe {
  files: Set<string>;
  calls: string[];
  logs: string[];
}

/** A machine with the given executables; `apt-get install` adds /usr/bin/chromium unless told to fail. */
function machine(opts: { files?: string[]; env?: Record<string, string>; root?: boolean; sudo?: boolean; installFails?: boolean; installAddsNothing?: boolean } = {}): Fake {
  const files = new Set(opts.files ?? []);
  const calls: string[] = [];
  const logs: string[] = [];
  return {
    files,
    calls,
    logs,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...opts.env },
    isExecutable: (p) => files.has(p),
    isRoot: () => opts.root ?? false,
    canSudo: () => opts.sudo ?? false,
    async run(command, args, env) {
      calls.push(`${env.DEBIAN_FRONTEND === 'noninteractive' ? '' : 'INTERACTIVE '}${command} ${args.join(' ')}`);
      if (args.includes('install')) {
        if (opts.installFails) throw new Error('E: Unable to locate package chromium');
        if (!opts.installAddsNothing) files.add('/usr/bin/chromium');
      }
    },
    log: (m) => logs.push(m),
  };
}

const APT = '/usr/bin/apt-get';

describe('findChromium', () => {
  it('prefers AGORA_CHROMIUM, then PATH, then the usual places', () => {
    expect(findChromium(machine({ files: ['/opt/x/chrome', '/usr/bin/chromium'], env: { AGORA_CHROMIUM: '/opt/x/chrome' } }))).toBe('/opt/x/chrome');
    expect(findChromium(machine({ files: ['/usr/local/bin/chromium-browser', '/usr/bin/chromium'] }))).toBe('/usr/bin/chromium');
    expect(findChromium(machine({ files: ['/usr/local/bin/chromium-browser'] }))).toBe('/usr/local/bin/chromium-browser');
    expect(findChromium(machine({ files: ['/opt/google/chrome/chrome'], env: { PATH: '' } }))).toBe('/opt/google/chrome/chrome');
    expect(findChromium(machine())).toBeUndefined();
  });

  it('ignores relative PATH entries', () => {
    expect(findChromium(machine({ files: ['bin/chromium'], env: { PATH: 'bin' } }))).toBeUndefined();
  });

  it('treats an AGORA_CHROMIUM that points nowhere as an error, not as a reason to install', () => {
    expect(() => findChromium(machine({ files: ['/usr/bin/chromium'], env: { AGORA_CHROMIUM: '/nope/chrome' } }))).toThrow(/AGORA_CHROMIUM=\/nope\/chrome is not an executable/);
  });
});

describe('installPlan', () => {
  it('uses apt-get directly as root, through sudo -n otherwise, and not at all without either', () => {
    expect(installPlan(machine({ files: [APT], root: true }))).toEqual({ prefix: [], aptGet: APT });
    expect(installPlan(machine({ files: [APT], sudo: true }))).toEqual({ prefix: ['sudo', '-n'], aptGet: APT });
    expect(installPlan(machine({ files: [APT] }))).toMatchObject({ apt: true, reason: expect.stringMatching(/not root/) });
    expect(installPlan(machine({ root: true }))).toMatchObject({ apt: false, reason: expect.stringMatching(/apt-get is not available/) });
  });
});

describe('ensureChromium', () => {
  it('returns what is there without running anything', async () => {
    const m = machine({ files: [APT, '/usr/bin/chromium'], root: true });
    expect(await ensureChromium(m)).toBe('/usr/bin/chromium');
    expect(m.calls).toEqual([]);
  });

  it('as root with apt: updates, installs chromium non-interactively, says so, and returns the new binary', async () => {
    const m = machine({ files: [APT], root: true });
    expect(await ensureChromium(m)).toBe('/usr/bin/chromium');
    expect(m.calls).toEqual([
      `${APT} -o DPkg::Lock::Timeout=600 update -q`,
      `${APT} -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends chromium`,
    ]);
    expect(m.logs.join('\n')).toMatch(/installing Debian's chromium package/);
    expect(m.logs.join('\n')).toMatch(/installed Chromium at \/usr\/bin\/chromium/);
  });

  it('through sudo -n when not root', async () => {
    const m = machine({ files: [APT], sudo: true });
    await ensureChromium(m);
    expect(m.calls).toEqual([
      `sudo -n ${APT} -o DPkg::Lock::Timeout=600 update -q`,
      `sudo -n ${APT} -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends chromium`,
    ]);
  });

  it('without root or sudo: runs nothing and says exactly what to run', async () => {
    const m = machine({ files: [APT] });
    const err = await ensureChromium(m).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChromiumMissing);
    expect((err as Error).message).toContain('sudo apt-get update && sudo apt-get install -y chromium');
    expect((err as Error).message).toContain('AGORA_CHROMIUM=/path/to/chromium npm test');
    expect(m.calls).toEqual([]);
  });

  it('without apt: asks for the system package manager or AGORA_CHROMIUM', async () => {
    const m = machine({ root: true });
    const err = (await ensureChromium(m).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/apt-get is not available/);
    expect(err.message).toMatch(/package manager/);
    expect(err.message).not.toContain('sudo apt-get');
    expect(err.message).toContain('AGORA_CHROMIUM=/path/to/chromium npm test');
  });

  it('a failed install names the failure and the command to run by hand', async () => {
    const err = (await ensureChromium(machine({ files: [APT], root: true, installFails: true })).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(ChromiumMissing);
    expect(err.message).toMatch(/Unable to locate package chromium[\s\S]*sudo apt-get install -y chromium/);
  });

  it('an install that leaves no binary behind is an error', async () => {
    await expect(ensureChromium(machine({ files: [APT], root: true, installAddsNothing: true }))).rejects.toThrow(/no executable was found/);
  });
});
