import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText, resolveConfigPath } from './load.ts';
import type { GerritSourceConfig } from './schema.ts';

const minimal = `
site: { title: Demo, url: "https://portal.example.org" }
sources:
  - { id: opendev, type: gerrit, url: "https://review.opendev.org", projects: [openstack/nova], since: 2024-01-01 }
`;

describe('config', () => {
  it('applies defaults and parses dates as UTC', () => {
    const c = parseConfigText(minimal, 'agora.config.yaml');
    expect(c.data).toBe('content');
    expect(c.site.base).toBe('/');
    const s = c.sources[0]! as GerritSourceConfig;
    expect(s.type).toBe('gerrit');
    expect(s.since?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(s.pageSize).toBe(100);
  });

  it('names the file, the key path, what was expected and what was found', () => {
    const bad = `
site: { title: Demo, url: "ftp://nope", base: portal }
sources:
  - { id: Open Dev, type: gerrit, url: "https://review.opendev.org", since: yesterday, pageSize: "many" }
  - { id: x, type: svn, url: "https://svn.example.org" }
`;
    expect(() => parseConfigText(bad, '/srv/agora.config.yaml')).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: /srv/agora.config.yaml: invalid Agora config
        - site.url: expected an http(s) URL (received string "ftp://nope")
        - site.base: expected a path that starts and ends with "/", e.g. /portal/ (received string "portal")
        - sources[0].id: expected lower-case letters, digits and dashes (it becomes a folder and URL part) (received string "Open Dev")
        - sources[0].since: expected a date such as 2024-01-01 or 2024-01-01T12:00:00Z (or a month, 2024-01) (received string "yesterday")
        - sources[0].pageSize: Invalid input: expected number, received string (received string "many")
        - sources[1].type: unknown source type; expected one of: gerrit, pipermail, hyperkitty, mbox, meetbot, irc-meetings, specs, github, hn-hiring, jobs-csv (received string "svn")]
    `);
  });

  it('rejects unknown keys (a typo must not be silently ignored)', () => {
    expect(() => parseConfigText(`${minimal}\ntitel: x\n`, 'a.yaml')).toThrow(/\(top level\): Unrecognized key: "titel"/);
  });

  it('rejects duplicate source ids', () => {
    const dup = `${minimal}  - { id: opendev, type: gerrit, url: "https://review.example.org" }\n`;
    expect(() => parseConfigText(dup, 'a.yaml')).toThrow(/sources\[1\]\.id: duplicate source id "opendev"/);
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(() => parseConfigText('site: [unclosed\n', 'a.yaml')).toThrow(/^a\.yaml:\d+:\d+: not valid YAML/);
  });

  it('finds the file from --config, then AGORA_CONFIG, then the default', () => {
    expect(resolveConfigPath(['--config', 'x.yaml'], { AGORA_CONFIG: 'y.yaml' }, '/w')).toBe('/w/x.yaml');
    expect(resolveConfigPath(['--config=z.yaml'], {}, '/w')).toBe('/w/z.yaml');
    expect(resolveConfigPath([], { AGORA_CONFIG: '/etc/agora.yaml' }, '/w')).toBe('/etc/agora.yaml');
    expect(resolveConfigPath([], {}, '/w')).toBe('/w/agora.config.yaml');
  });

  it('resolves the store folder relative to the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-config-'));
    try {
      writeFileSync(join(dir, 'agora.config.yaml'), minimal);
      expect(loadConfig(join(dir, 'agora.config.yaml')).dataDir).toBe(join(dir, 'content'));
      expect(() => loadConfig(join(dir, 'missing.yaml'))).toThrow(/cannot read config .*missing\.yaml: ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the committed demo config is valid', () => {
    expect(loadConfig(join(import.meta.dirname, '../../agora.config.yaml')).config.sources[0]!.id).toBe('demo');
  });
});
