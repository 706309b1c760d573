/** The search page's state as it appears in the address bar: `?q=…&kind=…&source=…&project=…`. */
export interface SearchState {
  q: string;
  /** A search document kind (`change`, `person`, `project`); empty for every kind. */
  kind: string;
  source: string;
  project: string;
}

const MAX_Q = 500;

export function parseSearchState(search: string): SearchState {
  const p = new URLSearchParams(search);
  return {
    q: (p.get('q') ?? '').slice(0, MAX_Q),
    kind: p.get('kind') ?? '',
    source: p.get('source') ?? '',
    project: p.get('project') ?? '',
  };
}

/** `?q=fix&kind=change&project=aurora%2Fcompute`, leaving out empty values; `''` when all are empty. */
export function toSearchString(state: SearchState): string {
  const p = new URLSearchParams();
  if (state.q.trim()) p.set('q', state.q);
  if (state.kind) p.set('kind', state.kind);
  if (state.source) p.set('source', state.source);
  if (state.project) p.set('project', state.project);
  const s = p.toString();
  return s ? `?${s}` : '';
}
