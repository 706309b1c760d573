/// <reference lib="webworker" />
import { SearchEngine, type SearchRequest, type SearchResponse } from './engine.ts';

/**
 * The search Web Worker: the page posts `{ seq, root, req }`, the worker
 * answers `{ seq, res }` or `{ seq, error }`. Shards and chunks stay cached
 * here between queries; the manifest is revalidated once per page load.
 */
export interface WorkerRequest {
  seq: number;
  /** Absolute URL of the search folder, ending in `/`. */
  root: string;
  req: SearchRequest;
}
export type WorkerResponse = { seq: number; res: SearchResponse; ms: number } | { seq: number; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let engine: SearchEngine | undefined;
let engineRoot = '';

function engineFor(root: string): SearchEngine {
  if (!engine || engineRoot !== root) {
    engineRoot = root;
    engine = new SearchEngine(async (path) => {
      const url = new URL(path, root);
      const res = await fetch(url, path === 'manifest.json' ? { cache: 'no-cache' } : {});
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`GET ${url.href} failed: ${res.status} ${res.statusText}`);
      return new Uint8Array(await res.arrayBuffer());
    });
  }
  return engine;
}

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { seq, root, req } = event.data;
  const started = performance.now();
  try {
    const res = await engineFor(root).search(req);
    scope.postMessage({ seq, res, ms: performance.now() - started } satisfies WorkerResponse);
  } catch (err) {
    scope.postMessage({ seq, error: (err as Error).message } satisfies WorkerResponse);
  }
};
