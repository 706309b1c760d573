import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startGerritSimulator, type Fault, type GerritSimulator, type GerritSimulatorOptions } from '../../../scripts/simulator/gerrit.ts';
import { GerritClient, GerritPagingError } from './client.ts';
import { HttpAuthError, HttpFormatError, HttpStatusError, HttpNetworkError, HttpNotFoundError } from '../../lib/http/errors.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/gerrit/small', import.meta.url));
let sim: GerritSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(faults: Fault[] = [], extra: { delayMs?: number; timeoutMs?: number; retries?: number; sim?: Partial<GerritSimulatorOptions> } = {}) {
  sim = await startGerritSimulator({ fixtureDir: FIXTURES, faults, delayMs: extra.delayMs, ...extra.sim });
  const delays: number[] = [];
  const client = new GerritClient({
    baseUrl: `${sim.url}/`,
    timeoutMs: extra.timeoutMs ?? 5000,
    retries: extra.retries ?? 3,
    sleep: async (ms) => void delays.push(ms),
    now: () => Date.parse('2024-03-01T12:00:00Z'),
  });
  return { client, delays, sim };
}

async function collect(client: GerritClient, query: string, pageSize: number): Promise<unknown[][]> {
  const pages: unknown[][] = [];
  for await (const p of client.changePages(query, { pageSize })) pages.push(p);
  return pages;
}

describe('GerritClient paging', () => {
  it('reads every page anonymously with n and overlapping S, following _more_changes', async () => {
    const { client, sim } = await setup();
    const pages = await collect(client, 'project:demo/alpha', 7);
    // Each page repeats the last change of the previous one (the anchor), which is not yielded again.
    expect(pages.map((p) => p.length)).toEqual([7, 6, 2]);
    const urls = sim.requests.map((r) => new URL(r.url, sim.url));
    expect(urls.map((u) => u.pathname)).toEqual(['/changes/', '/changes/', '/changes/']);
    expect(urls.map((u) => u.searchParams.get('S'))).toEqual([null, '6', '12']);
    expect(urls[0]!.searchParams.getAll('o')).toEqual(['DETAILED_ACCOUNTS', 'DETAILED_LABELS', 'MESSAGES', 'ALL_REVISIONS', 'CURRENT_COMMIT']);
    expect(urls[0]!.searchParams.get('n')).toBe('7');
    const numbers = pages.flat().map((c) => (c as { _number: number })._number);
    expect(new Set(numbers).size).toBe(15);
  });

  // Only the current revision's commit message is stored, but every patch set's file count is shown.
  it('gets the commit of the current revision only, and files of every revision only when configured', async () => {
    const { client, sim } = await setup();
    type Rev = { commit?: unknown; files?: unknown };
    type Raw = { current_revision: string; revisions: Record<string, Rev> };
    const read = async (files: boolean) => {
      const out: Raw[] = [];
      for await (const p of client.changePages('project:demo/beta', { pageSize: 50, files })) out.push(...(p as Raw[]));
      return out;
    };
    const plain = await read(false);
    const multi = plain.filter((c) => Object.keys(c.revisions).length > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const c of multi) {
      for (const [sha, r] of Object.entries(c.revisions)) {
        expect(r.commit !== undefined, `commit of ${sha}`).toBe(sha === c.current_revision);
        expect(r).not.toHaveProperty('files');
      }
    }
    const withFiles = await read(true);
    expect(new URL(sim.requests.at(-1)!.url, sim.url).searchParams.getAll('o')).toContain('ALL_FILES');
    for (const c of withFiles) for (const r of Object.values(c.revisions)) expect(r.files).toBeDefined();
  });
});

const numbersOf = (pages: unknown[][]) => pages.flat().map((c) => (c as { _number: number })._number);
const sParam = (url: string) => Number(new URL(url, 'http://x').searchParams.get('S') ?? 0);

describe('GerritClient paging on servers that shift, stop early or ignore paging', () => {
  // Regression: a change deleted during a listing shifted every later S= offset by one, so
  // the change right after the page boundary was never seen (and --full then removed it).
  it('sees every remaining change when one is deleted between two pages', async () => {
    const { client, sim } = await setup();
    const all = sim.changes.inProject('demo/alpha').map((e) => e.number);
    const victim = all[2]!;
    sim.faults.push({ match: (r) => sParam(r.url) > 0, respond: { pass: true }, run: () => void sim.changes.remove(victim) });
    const got = numbersOf(await collect(client, 'project:demo/alpha', 7));
    expect(got.sort()).toEqual(all.sort());
    expect(new Set(got).size).toBe(got.length);
  });

  it('backs off further when more changes were deleted than the pages overlap', async () => {
    const { client, sim } = await setup();
    const all = sim.changes.inProject('demo/alpha').map((e) => e.number);
    const victims = all.slice(0, 4);
    sim.faults.push({ match: (r) => sParam(r.url) > 0, respond: { pass: true }, run: () => victims.forEach((v) => sim.changes.remove(v)) });
    const got = numbersOf(await collect(client, 'project:demo/alpha', 7));
    expect(got.sort()).toEqual(all.sort());
  });

  // Regression: an empty page right after `_more_changes: true` was taken for the end.
  it('does not take an empty page after _more_changes for the end of the listing', async () => {
    // A server that pages no deeper than 7 changes: every later offset answers [].
    const { client, sim } = await setup([{ match: (r) => sParam(r.url) >= 7, times: Infinity, respond: { empty: true } }]);
    const got = numbersOf(await collect(client, 'project:demo/alpha', 7));
    expect(got.sort()).toEqual(sim.changes.inProject('demo/alpha').map((e) => e.number).sort());
    // It went on with before: from the oldest change it had seen.
    expect(sim.requests.some((r) => decodeURIComponent(r.url).includes('before:"'))).toBe(true);
  });

  it('fails clearly when a server stops paging early and knows no before:', async () => {
    const { client, sim } = await setup([
      { match: (r) => sParam(r.url) >= 7, times: Infinity, respond: { empty: true } },
      { match: 'before:', times: Infinity, respond: { status: 400, body: 'Unsupported operator before:2024\n' } },
    ]);
    const error = await collect(client, 'project:demo/alpha', 7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GerritPagingError);
    expect((error as Error).message).toMatch(/the listing stopped after 13 changes .*before: was refused: HTTP 400/);
    expect(sim.requests.length).toBeLessThan(40);
  });

  // Regression: a server that ignores S= made the client ask for the same page forever.
  it('gets everything from a server that ignores S=, through before:', async () => {
    const { client, sim } = await setup([], { sim: { ignoreStart: true } });
    const got = numbersOf(await collect(client, 'project:demo/alpha', 7));
    expect(got).toHaveLength(15);
    expect(new Set(got).size).toBe(15);
    expect(sim.requests.length).toBeLessThan(12);
  });

  it('fails clearly, after a few requests, when no paging gets further', async () => {
    const { client, sim } = await setup([], { sim: { ignoreStart: true, alwaysMore: true } });
    await expect(collect(client, 'project:demo/alpha', 7)).rejects.toThrow(/brought no change not already seen/);
    expect(sim.requests.length).toBeLessThan(20);
  });

  it('pages a Gerrit 2.8 with N=<_sortkey>', async () => {
    const { client, sim } = await setup([], { sim: { legacy: true } });
    const pages = await collect(client, 'project:demo/alpha', 7);
    expect(pages.map((p) => p.length)).toEqual([7, 7, 1]);
    const urls = sim.requests.map((r) => new URL(r.url, sim.url).searchParams);
    expect(urls.map((u) => u.get('S'))).toEqual([null, null, null]);
    expect(urls.slice(1).every((u) => /^[0-9a-f]{16}$/.test(u.get('N') ?? ''))).toBe(true);
  });
});

describe('GerritClient retries', () => {
  it('retries 500s with backoff and succeeds', async () => {
    const { client, delays, sim } = await setup([{ match: '/changes/', times: 2, respond: { status: 500 } }]);
    const pages = await collect(client, 'project:demo/beta', 100);
    expect(pages[0]).toHaveLength(15);
    expect(delays).toEqual([500, 1000]);
    expect(sim.requests).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    const { client, delays } = await setup([{ times: 1, respond: { status: 429, headers: { 'Retry-After': '7' } } }]);
    await collect(client, 'project:demo/beta', 100);
    expect(delays).toEqual([7000]);
  });

  it('gives up after the configured retries with the method, URL and status', async () => {
    const { client, delays } = await setup([{ times: Infinity, respond: { status: 503, body: 'maintenance' } }], { retries: 2 });
    const err = await collect(client, 'project:demo/beta', 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/changes\/\?q=project%3Ademo%2Fbeta.* answered HTTP 503 \(body: maintenance\)$/);
    expect(delays).toEqual([500, 1000]);
  });

  it('retries a truncated body once, then reports it as a format error', async () => {
    const once = await setup([{ times: 1, respond: { truncate: true } }]);
    expect((await collect(once.client, 'project:demo/beta', 100))[0]).toHaveLength(15);
    await once.sim.close();
    const twice = await setup([{ times: 2, respond: { truncate: true } }], { retries: 4 });
    sim = twice.sim;
    const err = await collect(twice.client, 'project:demo/beta', 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFormatError);
    expect((err as Error).message).toContain('not valid JSON');
    expect(twice.sim.requests).toHaveLength(2);
  });

  it('does not retry an HTML page and says what it got', async () => {
    const { client, sim } = await setup([{ times: Infinity, respond: { html: true } }]);
    const err = await collect(client, 'project:demo/beta', 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFormatError);
    expect((err as Error).message).toMatch(/GET http:\/\/127.*\/changes\/.*expected JSON but got an HTML page.*first bytes: "<!DOCTYPE html>/);
    expect(sim.requests).toHaveLength(1);
  });

  it('maps 404 and 403 to their own errors without retrying', async () => {
    const { client, sim } = await setup([
      { match: 'missing', respond: { status: 404, body: 'Not found: missing' } },
      { match: 'private', respond: { status: 403, body: 'forbidden' } },
    ]);
    await expect(collect(client, 'project:missing', 10)).rejects.toBeInstanceOf(HttpNotFoundError);
    const auth = await collect(client, 'project:private', 10).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(HttpAuthError);
    expect((auth as Error).message).toMatch(/anonymously.*private/);
    expect(sim.requests).toHaveLength(2);
  });

  it('retries timeouts and keeps the cause', async () => {
    const { client, delays } = await setup([], { delayMs: 300, timeoutMs: 50, retries: 1 });
    const err = await collect(client, 'project:demo/beta', 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpNetworkError);
    expect((err as Error).message).toMatch(/no answer within 0.05 s/);
    expect((err as Error).cause).toBeDefined();
    expect(delays).toEqual([500]);
  });

  // Regression: a page that timed out was asked again at the same size, and timed out again.
  it('asks a page that timed out again with half as many changes, down to 10', async () => {
    sim = await startGerritSimulator({ fixtureDir: FIXTURES });
    const base = sim.url;
    const asked: string[] = [];
    const delays: number[] = [];
    // Answers only pages of at most `limit` changes; bigger ones hang until the client's timeout.
    const client = (limit: number) =>
      new GerritClient({
        baseUrl: base,
        timeoutMs: 40,
        retries: 4,
        sleep: async (ms) => void delays.push(ms),
        fetch: (input, init) => {
          const params = new URL(input).searchParams;
          asked.push([`n=${params.get('n')}`, ...(params.has('S') ? [`S=${params.get('S')}`] : [])].join('&'));
          if (Number(params.get('n')) <= limit) return fetch(input, init);
          return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error), { once: true }));
        },
      });
    const pages = await collect(client(12), 'project:demo/beta', 100);
    expect(pages.map((p) => p.length)).toEqual([12, 3]);
    expect(new Set(numbersOf(pages)).size).toBe(15);
    // The same page (no S) at 100, 50, 25, then 12; the smaller size sticks for the rest of the query.
    // The next page overlaps the first by one change (12 / 4 = 3 at most, at least 1).
    expect(asked).toEqual(['n=100', 'n=50', 'n=25', 'n=12', 'n=12&S=9']);
    expect(delays).toEqual([500, 1000, 2000]);

    asked.length = 0;
    const err = await collect(client(5), 'project:demo/beta', 40).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpNetworkError);
    expect(asked).toEqual(['n=40', 'n=20', 'n=10', 'n=10', 'n=10']);
    expect((err as HttpNetworkError).url).toMatch(/[?&]n=10(&|$)/);
  });

  it('retries connection failures and keeps the cause', async () => {
    const { client, sim, delays } = await setup([], { retries: 1 });
    await sim.close();
    const err = await collect(client, 'project:demo/beta', 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpNetworkError);
    expect((err as Error).message).toMatch(/^GET http:\/\/127.* failed: /);
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect(delays).toEqual([500]);
  });
});

describe('GerritClient error texts', () => {
  const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
  const answering = (body: string) =>
    new GerritClient({ baseUrl: 'https://review.example.org', timeoutMs: 1000, retries: 1, sleep: async () => {}, fetch: async () => new Response(body, { status: 200 }) });
  const failure = async (client: GerritClient) => {
    const err = await collect(client, 'project:x', 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFormatError);
    return (err as Error).message;
  };

  // Regression: the first bytes went into the message raw, addresses and all.
  it('masks addresses in the first bytes of an HTML page, a broken body and a non-array answer', async () => {
    const html = await failure(answering('<html><body>Ask admin.person@corp.example.com for access</body></html>'));
    expect(html).toContain('a…@corp.example.com');
    const broken = await failure(answering(")]}'\n[{\"owner\": {\"email\": \"jane.doe@example.org\""));
    expect(broken).toContain('j…@example.org');
    const object = await failure(answering(`)]}'\n{"message": "write to ${'x'.repeat(40)} bob.smith@example.org"}`));
    expect(object).toMatch(/expected a JSON array/);
    for (const m of [html, broken, object]) expect(m).not.toMatch(EMAIL);
    expect([html, broken, object].join(' ')).not.toMatch(/admin\.person|jane\.doe|bob\.smith/);
  });
});
