import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgoraConfig } from '../../config/schema.ts';
import { keywordsDigest } from '../../lib/job-keywords.ts';
import { JOB_MONTH_KIND, JobMonth } from '../../model/jobs.ts';
import { Store } from '../../store/store.ts';
import { runSync } from '../../sync/run.ts';
import { drivers } from '../index.ts';
import { IMPORTED_TOTALS_DIGEST } from './map.ts';

/** The sync machine's clock: mid-March 2024, so January and February are complete. */
const MARCH = Date.parse('2024-03-15T12:00:00Z');
const APRIL = Date.parse('2024-04-01T00:00:01Z');
const log = { info: () => {}, warn: () => {} };
const KEYWORDS = {
  Python: { any: ['python', 'django', 'flask'] },
  OpenStack: { any: ['openstack'] },
  'Python AND OpenStack': { all: ['Python', 'OpenStack'] },
};

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

function config(path: string, keywords?: object) {
  return AgoraConfig.parse({ site: { title: 'T', url: 'https://a.example.org' }, sources: [{ id: 'board', type: 'jobs-csv', path, ...(keywords ? { keywords } : {}) }] });
}

async function months(store: Store): Promise<JobMonth[]> {
  const out: JobMonth[] = [];
  for await (const i of store.source('board').items(JOB_MONTH_KIND, JobMonth)) out.push(i.data);
  return out.sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** Every stored file's text, to check that no posting text reached the store. */
function storeText(root: string): string {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

const POSTINGS = [
  'date,title,text',
  '2024-01-04T10:00:00Z,Cloud Platform Engineer,"<p>We run OpenStack &amp; write Django.</p><p>Remote OK</p>"',
  '2024-01-09,Embedded Developer,"C, C++ and Rust"',
  '2024-02-01T00:30:00+01:00,Site Reliability Engineer,Kubernetes only',
  '2024-13-01,Data Engineer,python',
  '2024-02-11,Machine Learning Engineer,"Python, ""PyTorch"", flask"',
  '2024-03-02,Operator,OpenStack Swift',
].join('\r\n');

describe('the jobs-csv source', () => {
  it('stores one JobMonth per month of a postings file, reports a bad row by row and column, and keeps no posting text', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-jobs-csv-'));
    const file = join(dir, 'jobs.csv');
    await writeFile(file, POSTINGS);
    const store = new Store(join(dir, 'content'));
    const [report] = await runSync(config(file, KEYWORDS), { store, drivers, log, clock: () => MARCH });
    expect(report).toMatchObject({ ok: true, new: 3, removed: 0 });
    expect(report!.skipped).toEqual([{ where: 'jobs.csv row 5, column date', reason: expect.stringMatching(/^"2024-13-01" is not a date/) }]);
    const stored = await months(store);
    expect(stored.map((m) => [m.month, m.postings, m.counts, m.complete])).toEqual([
      ['2024-01', 3, { Python: 1, OpenStack: 1, 'Python AND OpenStack': 1 }, true],
      ['2024-02', 1, { Python: 1, OpenStack: 0, 'Python AND OpenStack': 0 }, true],
      ['2024-03', 1, { Python: 0, OpenStack: 1, 'Python AND OpenStack': 0 }, false],
    ]);
    expect(new Set(stored.map((m) => m.keywordsDigest))).toEqual(new Set([keywordsDigest(KEYWORDS)]));
    expect(stored[0]!.threads).toEqual([{ id: 'jobs.csv', title: 'jobs.csv', created: '2024-01-04T10:00:00Z' }]);
    expect(storeText(join(dir, 'content'))).not.toMatch(/Engineer|Developer|Kubernetes|PyTorch|Remote OK/);
  });

  it('does not read an unchanged file again, and reads it when the keywords change or a month ends', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-jobs-csv-'));
    const file = join(dir, 'jobs.csv');
    await writeFile(file, POSTINGS);
    await utimes(file, new Date('2024-03-10T00:00:00Z'), new Date('2024-03-10T00:00:00Z'));
    const store = new Store(join(dir, 'content'));
    const info: string[] = [];
    const quiet = { info: (m: string) => void info.push(m), warn: () => {} };
    await runSync(config(file, KEYWORDS), { store, drivers, log: quiet, clock: () => MARCH });
    const [again] = await runSync(config(file, KEYWORDS), { store, drivers, log: quiet, clock: () => MARCH });
    expect(again).toMatchObject({ ok: true, new: 0, updated: 0, skipped: [] });
    expect(info.at(-1)).toMatch(/has not changed since the last sync/);

    const more = { ...KEYWORDS, Storage: { any: ['swift', 'ceph'] } };
    const [recounted] = await runSync(config(file, more), { store, drivers, log, clock: () => MARCH });
    expect(recounted).toMatchObject({ ok: true, new: 0, updated: 3 });
    expect((await months(store)).map((m) => m.counts.Storage)).toEqual([0, 0, 1]);

    const [april] = await runSync(config(file, more), { store, drivers, log, clock: () => APRIL });
    expect(april).toMatchObject({ ok: true, updated: 1 });
    expect((await months(store)).map((m) => m.complete)).toEqual([true, true, true]);
  });

  it('knows a file by its content, not its time: a fresh checkout of the same file syncs to the same store', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-jobs-csv-'));
    const stores: string[] = [];
    for (const [i, when] of ['2024-03-10T00:00:00Z', '2024-03-12T08:30:00Z'].entries()) {
      const file = join(dir, `checkout-${i}`, 'jobs.csv');
      await mkdir(join(dir, `checkout-${i}`));
      await writeFile(file, POSTINGS);
      await utimes(file, new Date(when), new Date(when));
      const root = join(dir, `content-${i}`);
      await runSync(config(file, KEYWORDS), { store: new Store(root), drivers, log, clock: () => MARCH });
      stores.push(readFileSync(join(root, 'board', '_meta.json'), 'utf8'));
    }
    expect(stores[1]).toBe(stores[0]);
    // Touched, not changed: not read again. Changed: read.
    const file = join(dir, 'checkout-0', 'jobs.csv');
    const store = new Store(join(dir, 'content-0'));
    const info: string[] = [];
    await utimes(file, new Date('2024-03-14T00:00:00Z'), new Date('2024-03-14T00:00:00Z'));
    await runSync(config(file, KEYWORDS), { store, drivers, log: { info: (m: string) => void info.push(m), warn: () => {} }, clock: () => MARCH });
    expect(info.at(-1)).toMatch(/has not changed since the last sync/);
    await writeFile(file, POSTINGS.replace('Kubernetes only', 'Kubernetes and Ceph'));
    const [changed] = await runSync(config(file, KEYWORDS), { store, drivers, log, clock: () => MARCH });
    expect(changed).toMatchObject({ ok: true, updated: 0, unchanged: 3 });
  });

  it('removes a month the file no longer has', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-jobs-csv-'));
    const file = join(dir, 'jobs.csv');
    await writeFile(file, POSTINGS);
    const store = new Store(join(dir, 'content'));
    await runSync(config(file, KEYWORDS), { store, drivers, log, clock: () => MARCH });
    await writeFile(file, POSTINGS.split('\r\n').filter((l) => !l.startsWith('2024-03')).join('\r\n'));
    const [report] = await runSync(config(file, KEYWORDS), { store, drivers, log, clock: () => MARCH });
    expect(report).toMatchObject({ ok: true, removed: 1, unchanged: 2 });
    expect((await months(store)).map((m) => m.month)).toEqual(['2024-01', '2024-02']);
  });

  it('imports a totals file as it is, saying when keywords are configured and a month has no total', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-jobs-csv-'));
    const file = join(dir, 'totals.csv');
    await writeFile(file, '\ufeffmonth,keyword,count\n2024-01,total,200\n2024-01,Python,40\n2024-01,OpenStack,9\n2024-02,Python,35\n2024-02,Go,x\n');
    const store = new Store(join(dir, 'content'));
    const [report] = await runSync(config(file, KEYWORDS), { store, drivers, log, clock: () => MARCH });
    expect(report).toMatchObject({ ok: true, new: 2 });
    expect(report!.skipped).toEqual([{ where: 'totals.csv row 6, column count', reason: '"x" is not a count (expected a whole number, 0 or more)' }]);
    expect(report!.warnings.map((w) => w.where)).toEqual(['totals.csv', 'totals.csv 2024-02']);
    const stored = await months(store);
    expect(stored.map((m) => [m.month, m.postings, m.counts, m.keywordsDigest, m.ids])).toEqual([
      ['2024-01', 200, { Python: 40, OpenStack: 9 }, IMPORTED_TOTALS_DIGEST, undefined],
      ['2024-02', 35, { Python: 35 }, IMPORTED_TOTALS_DIGEST, undefined],
    ]);
  });

  it('fails with the file named for a missing file or a header of neither form, storing nothing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-jobs-csv-'));
    const store = new Store(join(dir, 'content'));
    const [missing] = await runSync(config(join(dir, 'nope.csv')), { store, drivers, log, clock: () => MARCH });
    expect(missing).toMatchObject({ ok: false, error: `cannot read ${join(dir, 'nope.csv')}: ENOENT` });
    const file = join(dir, 'odd.csv');
    await writeFile(file, 'when,what\n2024-01-01,x\n');
    const [odd] = await runSync(config(file), { store, drivers, log, clock: () => MARCH });
    expect(odd).toMatchObject({ ok: false, new: 0 });
    expect(odd!.error).toBe(`${file} row 1: the header "when,what" is not one of the two forms; expected date,title,text (postings) or month,keyword,count (monthly totals)`);
    expect(await months(store)).toEqual([]);
  });
});
