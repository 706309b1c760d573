import { describe, expect, it } from 'vitest';
import { DocutilsMissing, ensureDebianPackage, ensureDocutils, type DebianProbe } from './debian.ts';

const APT = '/usr/bin/apt-get';

/** A machine where `apt-get install <pkg>` makes `installed` true unless told to fail. */
function machine(opts: { apt?: boolean; root?: boolean; sudo?: boolean; installFails?: boolean; installAddsNothing?: boolean; present?: boolean } = {}) {
  const state = { installed: opts.present ?? false, calls: [] as string[], logs: [] as string[] };
  const probe: DebianProbe = {
    env: { PATH: '/usr/bin:/bin' },
    isExecutable: (p) => (opts.apt ?? true) && p === APT,
    isRoot: () => opts.root ?? false,
    canSudo: () => opts.sudo ?? false,
    async run(command, args, env) {
      state.calls.push(`${env.DEBIAN_FRONTEND === 'noninteractive' ? '' : 'INTERACTIVE '}${command} ${args.join(' ')}`);
      if (args.includes('install')) {
        if (opts.installFails) throw new Error('E: Unable to locate package python3-docutils');
        if (!opts.installAddsNothing) state.installed = true;
      }
    },
    log: (m) => state.logs.push(m),
  };
  return { probe, state, check: () => (state.installed ? '0.19' : undefined) };
}

describe('ensureDocutils', () => {
  it('returns the version when /usr/bin/python3 imports docutils, running nothing', async () => {
    const m = machine({ root: true, present: true });
    expect(await ensureDocutils(m.probe, m.check)).toBe('0.19');
    expect(m.state.calls).toEqual([]);
  });

  it('as root: installs python3-docutils non-interactively and says why', async () => {
    const m = machine({ root: true });
    expect(await ensureDocutils(m.probe, m.check)).toBe('0.19');
    expect(m.state.calls).toEqual([`${APT} -o DPkg::Lock::Timeout=600 update -q`, `${APT} -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends python3-docutils`]);
    expect(m.state.logs.join('\n')).toMatch(/docutils not found: installing Debian's python3-docutils package for the reStructuredText spec renderer/);
  });

  it('through sudo -n when not root', async () => {
    const m = machine({ sudo: true });
    await ensureDocutils(m.probe, m.check);
    expect(m.state.calls[1]).toBe(`sudo -n ${APT} -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends python3-docutils`);
  });

  it('without root or sudo: runs nothing and names the command', async () => {
    const m = machine();
    const err = (await ensureDocutils(m.probe, m.check).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(DocutilsMissing);
    expect(err.message).toContain('sudo apt-get update && sudo apt-get install -y python3-docutils');
    expect(err.message).toMatch(/\/usr\/bin\/python3 cannot import it/);
    expect(m.state.calls).toEqual([]);
  });

  it('without apt: asks for the system package manager', async () => {
    const m = machine({ apt: false, root: true });
    const err = (await ensureDocutils(m.probe, m.check).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/apt-get is not available[\s\S]*package manager/);
    expect(err.message).not.toContain('sudo apt-get');
  });

  it('a failed install, or one after which docutils still cannot be imported, is an error naming the command', async () => {
    const failed = machine({ root: true, installFails: true });
    await expect(ensureDocutils(failed.probe, failed.check)).rejects.toThrow(/Unable to locate package[\s\S]*apt-get install -y python3-docutils/);
    const nothing = machine({ root: true, installAddsNothing: true });
    await expect(ensureDocutils(nothing.probe, nothing.check)).rejects.toThrow(/still cannot import docutils/);
  });
});

describe('ensureDebianPackage', () => {
  it('checks again after installing and returns what the check finds', async () => {
    const m = machine({ root: true });
    const found = await ensureDebianPackage(
      { name: 'pkg', label: 'Pkg', check: () => (m.state.installed ? '/usr/bin/pkg' : undefined), missing: () => new Error('missing'), failed: (e) => e, stillMissing: () => new Error('still') },
      m.probe,
    );
    expect(found).toBe('/usr/bin/pkg');
    expect(m.state.logs[0]).toBe("Pkg not found: installing Debian's pkg package (apt-get update, then apt-get install -y pkg)");
  });
});
