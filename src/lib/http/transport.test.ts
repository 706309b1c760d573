import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpAuthError, HttpFormatError, HttpNotFoundError, HttpStatusError } from './errors.ts';
import { gunzipIfNeeded, HttpTransport, utf8 } from './transport.ts';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
async function serve(handler: Handler): Promise<{ url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function transport(delays: number[] = []) {
  return new HttpTransport({ timeoutMs: 2000, retries: 3, sleep: async (ms) => void delays.push(ms), now: () => Date.parse('2024-03-01T12:00:00Z') });
}
const text = { parse: (b: Uint8Array) => utf8(b) };

describe('conditional requests', () => {
  const month = 'From a@b Mon Jan  1 00:00:00 2024\nSubject: hi\n\nbody\n';
  const etag = '"v1"';
  const lastModified = 'Fri, 01 Mar 2024 10:00:00 GMT';
  const handler: Handler = (req, res) => {
    if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === lastModified) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { etag, 'last-modified': lastModified, 'content-type': 'text/plain' }).end(month);
  };

  it('keeps ETag and Last-Modified, and reads a 304 as not modified', async () => {
    const { url, seen } = await serve(handler);
    const first = await transport().get(`${url}/2024-January.txt`, text);
    expect(first).toMatchObject({ notModified: false, status: 200, value: month, validators: { etag, lastModified } });
    const second = await transport().get(`${url}/2024-January.txt`, { ...text, ifChanged: first.validators });
    expect(second).toMatchObject({ notModified: true, status: 304, validators: { etag, lastModified } });
    expect(seen[1]!.headers['if-none-match']).toBe(etag);
    expect(seen[1]!.headers['if-modified-since']).toBe(lastModified);
  });

  it('sends only the validator it has', async () => {
    const { url, seen } = await serve(handler);
    const r = await transport().get(`${url}/x`, { ...text, ifChanged: { lastModified } });
    expect(r.notModified).toBe(true);
    expect(seen[0]!.headers['if-none-match']).toBeUndefined();
  });
});

describe('gzip bodies', () => {
  const body = 'Zoë wrote: 李雷\n'.repeat(200);

  it('reads Content-Encoding: gzip', async () => {
    const { url, seen } = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain; charset=utf-8' }).end(gzipSync(body)));
    const r = await transport().get(url, text);
    expect(r.notModified || r.value).toBe(body);
    expect(String(seen[0]!.headers['accept-encoding'])).toContain('gzip');
  });

  it('unpacks a .gz file served as it is, and leaves other bodies alone', async () => {
    const { url } = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/gzip' }).end(gzipSync(body)));
    const r = await transport().get(`${url}/2024-March.txt.gz`, { parse: (b, info) => utf8(gunzipIfNeeded(b, info.url)) });
    expect(r.notModified || r.value).toBe(body);
    expect(utf8(gunzipIfNeeded(new TextEncoder().encode('plain'), 'x'))).toBe('plain');
  });

  it('asks once more for a cut-off .gz, then says it is corrupt', async () => {
    const delays: number[] = [];
    const whole = gzipSync(body);
    const { url, seen } = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/gzip' }).end(whole.subarray(0, whole.length - 20)));
    const err = await transport(delays)
      .get(`${url}/m.txt.gz`, { parse: (b, info) => utf8(gunzipIfNeeded(b, info.url)) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFormatError);
    expect((err as Error).message).toMatch(/m\.txt\.gz: the gzip body is corrupt or cut off/);
    expect(seen).toHaveLength(2);
    expect(delays).toEqual([500]);
  });
});

describe('statuses', () => {
  it('waits as Retry-After says on 429, then succeeds', async () => {
    const delays: number[] = [];
    let n = 0;
    const { url } = await serve((_req, res) => (n++ === 0 ? res.writeHead(429, { 'retry-after': '3' }).end('slow down') : res.writeHead(200).end('ok')));
    const r = await transport(delays).get(url, text);
    expect(r.notModified || r.value).toBe('ok');
    expect(delays).toEqual([3000]);
  });

  it('types 404, 403 and other failures, with masked excerpts and no retry', async () => {
    const { url, seen } = await serve((req, res) => {
      const code = Number(req.url?.slice(1));
      res.writeHead(code).end(`nope, ask jane.doe@example.org (${code})`);
    });
    await expect(transport().get(`${url}/404`, text)).rejects.toBeInstanceOf(HttpNotFoundError);
    await expect(transport().get(`${url}/403`, text)).rejects.toBeInstanceOf(HttpAuthError);
    const err = await transport().get(`${url}/400`, text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as Error).message).toMatch(/answered HTTP 400 \(body: nope, ask j…@example\.org \(400\)\)$/);
    expect(seen).toHaveLength(3);
  });
});
