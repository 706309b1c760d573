import { SearchEngine } from '../src/search/engine.ts';
import { fileFetcher } from '../src/search/test-helpers.ts';
const e = new SearchEngine(fileFetcher('.cache/test-dist/search'));
for (const q of process.argv.slice(2)) {
  const r = await e.search({ q, limit: 10 });
  console.log(q, r.total, r.hits.map((h) => `${h.kind} ${h.path} ${h.title.map((s: any) => s.text ?? s).join('')}`).slice(0, 6));
}
