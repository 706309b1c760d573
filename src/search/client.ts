import { href } from '../lib/href.ts';
import { statusLabel } from '../kinds/change/status.ts';
import type { SearchHit, SearchRequest } from './engine.ts';
import { unlistedSearchKind, type SearchKind } from './kinds.ts';
import type { Segment } from './snippet.ts';
import { parseSearchState, toSearchString, type SearchState } from './url-state.ts';
import type { WorkerRequest, WorkerResponse } from './worker.ts';

/**
 * The search page script: keeps the form, the address bar and the results
 * in step, and talks to the worker. Upstream text only ever reaches the
 * page through textContent.
 */
const PAGE = 10;
const DEBOUNCE_MS = 200;

function el<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`search page: #${id} is missing`);
  return e as T;
}

const form = el<HTMLFormElement>('search-form');
const input = el<HTMLInputElement>('search-q');
const kindSel = el<HTMLSelectElement>('search-kind');
const sourceSel = el<HTMLSelectElement>('search-source');
const projectSel = el<HTMLSelectElement>('search-project');
const status = el<HTMLElement>('search-status');
const notices = el<HTMLElement>('search-notices');
const list = el<HTMLOListElement>('search-results');
const more = el<HTMLButtonElement>('search-more');
const root = new URL(href('search/'), location.href).href;

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
let seq = 0;
let shown = 0;
let current: SearchState = { q: '', kind: '', source: '', project: '' };
let timer: ReturnType<typeof setTimeout> | undefined;

function readForm(): SearchState {
  return { q: input.value, kind: kindSel.value, source: sourceSel.value, project: projectSel.value };
}

/** Picks `value` when the select offers it, else its "All …" option. */
function choose(sel: HTMLSelectElement, value: string): void {
  sel.value = [...sel.options].some((o) => o.value === value) ? value : '';
}

function fillForm(s: SearchState): void {
  input.value = s.q;
  choose(kindSel, s.kind);
  choose(sourceSel, s.source);
  choose(projectSel, s.project);
}

function run(offset = 0): void {
  current = readForm();
  history.replaceState(null, '', `${location.pathname}${toSearchString(current)}${location.hash}`);
  if (!current.q.trim()) {
    seq++;
    list.replaceChildren();
    notices.replaceChildren();
    more.hidden = true;
    status.textContent = 'Type a word to search.';
    return;
  }
  const req: SearchRequest = { q: current.q, offset, limit: PAGE };
  if (current.kind) req.kind = current.kind;
  if (current.source) req.source = current.source;
  if (current.project) req.project = current.project;
  const message: WorkerRequest = { seq: ++seq, root, req };
  if (offset === 0) status.textContent = 'Searching…';
  worker.postMessage(message);
}

function appendSegments(parent: HTMLElement, segments: Segment[]): void {
  for (const s of segments) {
    if (s.match) {
      const mark = document.createElement('mark');
      mark.textContent = s.text;
      parent.append(mark);
    } else parent.append(document.createTextNode(s.text));
  }
}

/**
 * What each kind of result is called: the words the page rendered into the
 * Kind options (src/search/kinds.ts), so the filter and the results say the same.
 */
const KINDS = new Map<string, SearchKind>(
  [...kindSel.options].filter((o) => o.value).map((o) => [o.value, { kind: o.value, one: o.dataset.one ?? o.text, many: o.text, date: o.dataset.date ?? '' }]),
);

function kindOf(kind: string): SearchKind {
  return KINDS.get(kind) ?? unlistedSearchKind(kind);
}

function renderHit(hit: SearchHit): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'search-hit';
  li.dataset.kind = hit.kind;
  const h = document.createElement('h2');
  const a = document.createElement('a');
  a.href = href(hit.path);
  appendSegments(a, hit.title);
  h.append(a);
  const meta = document.createElement('p');
  meta.className = 'search-meta';
  const kind = kindOf(hit.kind);
  const label = document.createElement('span');
  label.className = 'search-kind';
  label.textContent = kind.one;
  // A project result is its project; other results name the project they belong to.
  meta.append(label, ` · ${hit.source}${hit.project && hit.kind !== 'project' ? ` · ${hit.project}` : ''}`);
  if (hit.byline) meta.append(` · by ${hit.byline}`);
  if (hit.date) {
    const time = document.createElement('time');
    time.dateTime = hit.date;
    time.textContent = hit.date.slice(0, 10);
    meta.append(` · ${kind.date ? `${kind.date} ` : ''}`, time);
  }
  if (hit.status) {
    const st = document.createElement('span');
    st.className = `status status-${hit.status}`;
    st.textContent = statusLabel(hit.status).toLowerCase();
    meta.append(' ', st);
  }
  const snip = document.createElement('p');
  snip.className = 'search-snippet';
  appendSegments(snip, hit.snippet);
  li.append(h, meta, snip);
  return li;
}

worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
  const data = event.data;
  if (data.seq !== seq) return; // a newer query is on its way
  if ('error' in data) {
    status.textContent = `Search failed: ${data.error}`;
    return;
  }
  const { res } = data;
  if (res.offset === 0) {
    list.replaceChildren();
    shown = 0;
  }
  notices.replaceChildren(...[...res.notices, ...(res.error ? [res.error] : [])].map((n) => Object.assign(document.createElement('li'), { textContent: n })));
  for (const hit of res.hits) list.append(renderHit(hit));
  shown += res.hits.length;
  more.hidden = shown >= res.total;
  const filters = [current.kind && `among ${kindOf(current.kind).many.toLowerCase()}`, current.source && `in ${current.source}`, current.project && `in ${current.project}`].filter(Boolean).join(' ');
  const noun = res.total === 1 ? 'result' : 'results';
  status.textContent = res.error ? 'No search run.' : `${res.total.toLocaleString('en')} ${noun} for “${res.q.trim()}”${filters ? ` ${filters}` : ''}${res.total > shown ? `, showing ${shown}` : ''}.`;
};
worker.onerror = (event) => {
  status.textContent = `Search is unavailable: ${event.message || 'the search worker failed to start'}.`;
};

form.addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(timer);
  run();
});
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(), DEBOUNCE_MS);
});
kindSel.addEventListener('change', () => run());
sourceSel.addEventListener('change', () => run());
projectSel.addEventListener('change', () => run());
more.addEventListener('click', () => {
  const first = shown;
  run(first);
  // Keep keyboard users in place: focus the first new result once it arrives.
  const obs = new MutationObserver(() => {
    const link = list.children[first]?.querySelector('a');
    if (link) {
      link.focus();
      obs.disconnect();
    }
  });
  obs.observe(list, { childList: true });
});

/** Arrow keys move between the box and the result links; Escape goes back to the box. */
function links(): HTMLAnchorElement[] {
  return [...list.querySelectorAll<HTMLAnchorElement>('.search-hit h2 a')];
}
input.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' && links().length) {
    e.preventDefault();
    links()[0]!.focus();
  }
});
list.addEventListener('keydown', (e) => {
  const all = links();
  const i = all.indexOf(document.activeElement as HTMLAnchorElement);
  if (i < 0) return;
  if (e.key === 'ArrowDown' && i < all.length - 1) {
    e.preventDefault();
    all[i + 1]!.focus();
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    (i === 0 ? input : all[i - 1]!).focus();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    input.focus();
  }
});

fillForm(parseSearchState(location.search));
document.documentElement.classList.add('search-ready');
if (input.value.trim()) run();
else status.textContent = 'Type a word to search.';
