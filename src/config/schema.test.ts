import { describe, expect, it } from 'vitest';
import { parseConfigText } from './load.ts';

const config = (source: string) => `site:\n  title: T\n  url: https://agora.example.org\nsources:\n  - id: opendev\n    type: gerrit\n    url: https://review.example.org\n${source}`;
const errorOf = (text: string) => {
  try {
    parseConfigText(text, '/srv/agora/agora.config.yaml');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the config to be refused');
};

describe('config checks that used to wait for the sync', () => {
  // Regression: an invalid bots pattern was reported only during sync, without the file.
  it('refuses an invalid bots pattern when the config loads, naming the file and the entry', () => {
    const message = errorOf(config('    bots: ["zuul", "(unclosed"]\n'));
    expect(message).toContain('/srv/agora/agora.config.yaml: invalid Agora config');
    expect(message).toMatch(/sources\[0\]\.bots\[1\]: not a valid regular expression: \/\(unclosed\/i?: Unterminated group \(received string "\(unclosed"\)/);
  });

  it('accepts account ids and valid patterns', () => {
    expect(() => parseConfigText(config('    bots: ["22348", "^ci-", "Third.Party CI"]\n'), 'x.yaml')).not.toThrow();
  });

  // Regression: `since: 1700000000` said only "Invalid input".
  it('says what form since takes when given a number', () => {
    expect(errorOf(config('    since: 1700000000\n'))).toContain(
      'sources[0].since: expected a date such as 2024-01-01 or 2024-01-01T12:00:00Z (or a month, 2024-01) (a bare number is not read as a Unix time: write the date) (received number 1700000000)',
    );
    expect(errorOf(config('    since: last week\n'))).toContain('sources[0].since: expected a date such as 2024-01-01 or 2024-01-01T12:00:00Z (or a month, 2024-01) (received string "last week")');
    expect(parseConfigText(config('    since: 2024-01-01\n'), 'x.yaml').sources[0]).toMatchObject({ since: new Date('2024-01-01T00:00:00Z') });
  });
});

describe('the jobs-csv source config', () => {
  const jobs = (extra: string) =>
    `site:\n  title: T\n  url: https://agora.example.org\nsources:\n  - id: board\n    type: jobs-csv\n    path: ./jobs.csv\n${extra}`;

  it('accepts the issue example, keywords in config order', () => {
    const cfg = parseConfigText(
      jobs('    keywords:\n      Python: { any: ["python", "django", "flask"] }\n      OpenStack: { any: ["openstack"] }\n      Python AND OpenStack: { all: ["Python", "OpenStack"] }\n'),
      'x.yaml',
    );
    const source = cfg.sources[0]!;
    expect(source.type).toBe('jobs-csv');
    expect(Object.keys((source as { keywords: object }).keywords)).toEqual(['Python', 'OpenStack', 'Python AND OpenStack']);
    expect(() => parseConfigText(jobs(''), 'x.yaml')).not.toThrow();
  });

  it('refuses an undefined keyword name and a cycle when the config loads, naming the keyword', () => {
    expect(errorOf(jobs('    keywords:\n      Python: { any: [python] }\n      Both: { all: [Python, Openstack] }\n'))).toMatch(/sources\[0\]\.keywords\.Both: keyword "Both": all names "Openstack", which is not a defined keyword/);
    expect(errorOf(jobs('    keywords:\n      A: { all: [B] }\n      B: { all: [A] }\n'))).toMatch(/sources\[0\]\.keywords\.A: keywords refer to each other in a cycle: "A" → "B" → "A"/);
    expect(errorOf(jobs('    keywords:\n      A: { none: [x] }\n'))).toMatch(/sources\[0\]\.keywords\.A: expected any \(terms\) or all/);
    expect(errorOf(jobs('    url: https://x.example\n'))).toMatch(/sources\[0\]/);
  });
});
