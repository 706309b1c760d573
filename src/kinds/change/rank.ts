import type { ChangeSummary } from './summary.ts';

export interface Ranked {
  key: string;
  authored: number;
  reviews: number;
}

/** Who authored and reviewed most among the given changes (bots and opted-out people are already absent). */
export function topPeople(changes: readonly ChangeSummary[], limit = 10): Ranked[] {
  const by = new Map<string, Ranked>();
  const get = (key: string) => {
    let r = by.get(key);
    if (!r) by.set(key, (r = { key, authored: 0, reviews: 0 }));
    return r;
  };
  for (const c of changes) {
    if (c.owner) get(c.owner).authored++;
    for (const r of c.reviews) get(r.by).reviews++;
  }
  return [...by.values()].sort((a, b) => b.authored + b.reviews - (a.authored + a.reviews) || a.key.localeCompare(b.key)).slice(0, limit);
}
