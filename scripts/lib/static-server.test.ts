import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from './static-server.ts';

/** A raw request: `path` goes on the request line exactly as given (fetch would normalise it). */
function get(server: StaticServer, path: string): Promise<{ status: number; body: string; location?: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, location: res.headers.location }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${path}`)));
    req.on('error', reject);
    req.end();
  });
}

let dir: string;
let server: StaticServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-serve-'));
  mkdirSync(join(dir, 'portal', 'a'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(dir, '404.html'), '<h1>not here</h1>');
  writeFileSync(join(dir, 'a.txt'), 'plain');
  server = await serveStatic(dir, '/');
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serveStatic', () => {
  it('serves files, directory indexes and the 404 page', async () => {
    expect(await get(server, '/')).toMatchObject({ status: 200, body: '<h1>home</h1>' });
    expect(await get(server, '/a.txt?x=1')).toMatchObject({ status: 200, body: 'plain' });
    expect(await get(server, '/nope/')).toMatchObject({ status: 404, body: '<h1>not here</h1>' });
    expect(await get(server, '/portal/a')).toMatchObject({ status: 301, location: '/portal/a/' });
  });

  it('answers 400 to request targets it cannot read, and keeps serving', async () => {
    for (const path of ['//', '//evil.example/a.txt', '/%zz', '/a%00.txt', '*']) {
      expect((await get(server, path)).status, path).toBe(400);
      expect((await get(server, '/a.txt')).status, `after ${path}`).toBe(200);
    }
  });

  it('never serves outside its folder', async () => {
    expect((await get(server, '/../../etc/passwd')).status).not.toBe(200);
    expect((await get(server, '/%2e%2e/%2e%2e/etc/passwd')).status).not.toBe(200);
  });
});
