import { afterEach, describe, expect, it } from 'vitest';
import { startGerritSimulator, type GerritSimulator } from './gerrit.ts';
import { compileQuery, parseQuery, QuerySyntaxError, requiredProject, type IndexedChange } from './query.ts';

const account = (id: number) => ({ _account_id: id, name: `Person ${id}`, email: `p${id}@example.org`, username: `p${id}` });
function change(n: number, project: string, updated: string, extra: Record<string, unknown> = {}) {
  return {
    _number: n, project, branch: 'master', change_id: `I${n}`, subject: `change ${n}`, status: n % 2 ? 'NEW' : 'MERGED',
    created: '2024-01-01 00:00:00.000000000', updated: `${updated}.000000000`, owner: account(n % 3),
    labels: { 'Code-Review': { all: [{ ...account(9), value: 2, date: `${updated}.000000000` }], values: { '+2': 'ok' } } },
    messages: [{ id: `m${n}`, author: account(9), date: `${updated}.000000000`, message: 'hi', _revision_number: 1 }],
    current_revision: `r${n}b`,
    revisions: {
      [`r${n}a`]: { _number: 1, created: '2024-01-01 00:00:00.000000000', uploader: account(1), commit: { message: 'm' }, files: { a: { lines_inserted: 1 } } },
      [`r${n}b`]: { _number: 2, created: '2024-01-02 00:00:00.000000000', uploader: account(1), commit: { message: 'm' }, files: { a: { lines_inserted: 1 } } },
    },
    ...extra,
  };
}

let sim: GerritSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function get(path: string): Promise<{ status: number; text: string; json: () => any }> {
  const res = await fetch(`${sim!.url}${path}`);
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text.replace(/^\)\]\}'\n/, '')) };
}
const q = (query: string, rest = '') => `/changes/?q=${encodeURIComponent(query)}${rest}`;

describe('query language', () => {
  const c = (over: Partial<IndexedChange>): IndexedChange => ({ number: 1, project: 'a', branch: 'master', status: 'NEW', updatedMs: Date.parse('2024-03-01T10:00:00Z'), line: '{}', ...over });
  it('handles AND by space, quotes, negation, OR and parentheses', () => {
    const p = compileQuery(parseQuery('project:a after:"2024-03-01 10:00:00" (status:open OR status:merged) -branch:old'), 0);
    expect(p(c({}))).toBe(true);
    expect(p(c({ updatedMs: Date.parse('2024-03-01T09:59:59Z') }))).toBe(false);
    expect(p(c({ branch: 'old' }))).toBe(false);
    expect(p(c({ status: 'ABANDONED' }))).toBe(false);
    expect(requiredProject(parseQuery('project:a after:"2024-03-01"'))).toBe('a');
    expect(requiredProject(parseQuery('project:a OR project:b'))).toBeUndefined();
  });
  it('reads before:, owner: by id and age:', () => {
    const now = Date.parse('2024-03-02T10:00:00Z');
    expect(compileQuery(parseQuery('before:2024-03-01'), now)(c({}))).toBe(false);
    expect(compileQuery(parseQuery('owner:7'), now)(c({ ownerId: 7 }))).toBe(true);
    expect(compileQuery(parseQuery('age:1d'), now)(c({}))).toBe(true);
    expect(compileQuery(parseQuery('-age:1h'), now)(c({}))).toBe(false);
  });
  it('rejects what it does not know', () => {
    expect(() => compileQuery(parseQuery('reviewedby:me'), 0)).toThrow(QuerySyntaxError);
    expect(() => parseQuery('project:"open')).toThrow(/unterminated/);
    expect(() => compileQuery(parseQuery('after:yesterday'), 0)).toThrow(/Invalid timestamp/);
  });
});

describe('Gerrit simulator', () => {
  it('answers with the XSSI prefix, newest first, paged with _more_changes', async () => {
    sim = await startGerritSimulator({
      changes: [change(1, 'a', '2024-03-01 10:00:00'), change(2, 'a', '2024-03-02 10:00:00'), change(3, 'a', '2024-03-02 10:00:00'), change(4, 'b', '2024-03-03 10:00:00')],
    });
    const first = await get(q('project:a', '&n=2'));
    expect(first.text.startsWith(")]}'\n[\n  {\n    \"_number\": 3")).toBe(true);
    expect(first.json().map((x: any) => [x._number, x._more_changes])).toEqual([[3, undefined], [2, true]]);
    const second = await get(q('project:a', '&n=2&S=2'));
    expect(second.json().map((x: any) => [x._number, x._more_changes])).toEqual([[1, undefined]]);
    expect((await get(q('project:a', '&n=2&start=2'))).json()).toHaveLength(1);
    expect((await get(q('project:a after:"2024-03-02 10:00:00"'))).json().map((x: any) => x._number)).toEqual([3, 2]);
    expect(sim.requests[0]).toEqual({ method: 'GET', url: '/changes/?q=project%3Aa&n=2' });
  });

  it('sends only what the o= options ask for', async () => {
    sim = await startGerritSimulator({ changes: [change(1, 'a', '2024-03-01 10:00:00')] });
    const bare = (await get(q('project:a'))).json()[0];
    expect(bare.owner).toEqual({ _account_id: 1 });
    expect(bare).not.toHaveProperty('messages');
    expect(bare).not.toHaveProperty('labels');
    expect(bare).not.toHaveProperty('revisions');
    const full = (await get(q('project:a', '&o=DETAILED_ACCOUNTS&o=DETAILED_LABELS&o=MESSAGES&o=ALL_REVISIONS&o=ALL_COMMITS'))).json()[0];
    expect(full.owner.name).toBe('Person 1');
    expect(full.labels['Code-Review'].all[0]).toMatchObject({ value: 2, name: 'Person 9' });
    expect(Object.keys(full.revisions)).toEqual(['r1a', 'r1b']);
    expect(full.revisions.r1a.commit).toEqual({ message: 'm' });
    expect(full.revisions.r1a).not.toHaveProperty('files');
    const current = (await get(q('project:a', '&o=CURRENT_REVISION&o=CURRENT_FILES&o=LABELS'))).json()[0];
    expect(Object.keys(current.revisions)).toEqual(['r1b']);
    expect(current.revisions.r1b.files).toBeDefined();
    expect(current.labels['Code-Review']).toEqual({});
    const slim = (await get(q('project:a', '&o=DETAILED_LABELS&o=MESSAGES'))).json()[0];
    expect(slim.labels['Code-Review'].all[0]).toEqual({ _account_id: 9, value: 2, date: '2024-03-01 10:00:00.000000000' });
  });

  it('answers 400 for unknown operators, 404 for unknown paths, and lists projects', async () => {
    sim = await startGerritSimulator({ changes: [change(1, 'b/x', '2024-03-01 10:00:00'), change(2, 'a', '2024-03-01 10:00:00')] });
    expect(await get(q('frobnicate:yes'))).toMatchObject({ status: 400, text: 'Unsupported operator frobnicate:yes\n' });
    expect((await get('/c/a/+/2')).status).toBe(404);
    expect((await get('/projects/?d')).json()).toEqual({ a: { id: 'a', state: 'ACTIVE' }, 'b/x': { id: 'b%2Fx', state: 'ACTIVE' } });
  });

  it('injects faults a given number of times', async () => {
    sim = await startGerritSimulator({ changes: [change(1, 'a', '2024-03-01 10:00:00')], faults: [{ match: (r) => r.path === '/changes/', times: 2, respond: { status: 429, headers: { 'Retry-After': '3' } } }] });
    const r1 = await fetch(`${sim.url}${q('project:a')}`);
    expect([r1.status, r1.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await get(q('project:a'))).status).toBe(429);
    expect((await get(q('project:a'))).status).toBe(200);
  });

  it('pages through 100k changes quickly', { timeout: 60_000 }, async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      _number: i + 1, project: `p${i % 4}`, branch: 'master', change_id: `I${i}`, subject: 's', status: 'NEW',
      created: '2024-01-01 00:00:00.000000000', updated: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().replace('T', ' ').replace('Z', '000000'),
    }));
    sim = await startGerritSimulator({ changes: many });
    const started = Date.now();
    let seen = 0;
    for (let start = 0; ; start += 500) {
      const page = (await get(q('project:p1 after:"2024-01-01 00:00:00"', `&n=500&S=${start}`))).json() as { _more_changes?: boolean }[];
      seen += page.length;
      if (!page.at(-1)?._more_changes) break;
    }
    expect(seen).toBe(25_000);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
