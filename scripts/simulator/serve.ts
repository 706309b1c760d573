/** What both simulators share: answer each request (after an optional delay) and listen on loopback. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Milliseconds before each answer (a slow server). */
  delayMs?: number;
}

/**
 * Starts a server whose handler's exceptions become 500s (the tests then see a
 * server error, as from a real upstream, not a hung request). Resolves once it listens.
 */
export async function serve(options: ServeOptions, handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const go = (): void => {
      try {
        handle(req, res);
      } catch (err) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`Internal server error: ${(err as Error).message}\n`);
      }
    };
    if (options.delayMs) setTimeout(go, options.delayMs);
    else go();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  return { server, url: `http://${host}:${(server.address() as AddressInfo).port}` };
}
