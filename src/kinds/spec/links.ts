/**
 * Specs and the code reviews about them (pure), joined at build time: a
 * change of the spec repository's review project that touched one of the
 * spec's paths (or names it in its subject) reviewed the spec; a change
 * anywhere whose commit message or topic names the spec's blueprint
 * implements it.
 */
import type { ChangeSummary } from '../change/summary.ts';
import type { SpecSummary } from './summary.ts';

export type SpecLinkKind = 'review' | 'implementation';

export interface SpecLinks {
  bySpec: ReadonlyMap<string, { change: ChangeSummary; as: SpecLinkKind }[]>;
  byChange: ReadonlyMap<string, { spec: SpecSummary; as: SpecLinkKind }[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  let list = m.get(k);
  if (!list) m.set(k, (list = []));
  list.push(v);
}

const stem = (path: string) => path.replace(/^.*\//, '').replace(/\.(rst|md|txt)$/i, '');

export function specLinks(specs: readonly SpecSummary[], changes: readonly ChangeSummary[]): SpecLinks {
  const byPath = new Map<string, SpecSummary[]>();
  const byBlueprint = new Map<string, SpecSummary[]>();
  const byName = new Map<string, SpecSummary[]>();
  for (const s of specs) {
    for (const p of s.paths) push(byPath, p, s);
    if (s.blueprintName) push(byBlueprint, s.blueprintName.toLowerCase(), s);
    push(byName, stem(s.id).toLowerCase(), s);
  }
  const bySpec = new Map<string, { change: ChangeSummary; as: SpecLinkKind }[]>();
  const byChange = new Map<string, { spec: SpecSummary; as: SpecLinkKind }[]>();
  for (const c of changes) {
    const found = new Map<SpecSummary, SpecLinkKind>();
    const isSpecProject = (s: SpecSummary) => s.project !== undefined && s.project === c.project;
    for (const f of c.mentions?.files ?? []) for (const s of byPath.get(f) ?? []) if (isSpecProject(s) || !s.project) found.set(s, 'review');
    for (const bp of c.mentions?.blueprints ?? []) for (const s of byBlueprint.get(bp.toLowerCase()) ?? []) if (!found.has(s)) found.set(s, isSpecProject(s) ? 'review' : 'implementation');
    // A review of the specs project that names a spec in its subject ("Re-propose pci-groups spec").
    if (!found.size) {
      for (const word of c.subject.toLowerCase().match(/[a-z0-9][a-z0-9-]{4,}/g) ?? []) {
        for (const s of byName.get(word) ?? []) if (isSpecProject(s)) found.set(s, 'review');
      }
    }
    for (const [spec, as] of found) {
      push(bySpec, spec.key, { change: c, as });
      push(byChange, c.key, { spec, as });
    }
  }
  return { bySpec, byChange };
}

/**
 * Who reviewed each spec: the counted reviewers of the changes that reviewed
 * it (not those implementing it), once per person and spec, at their first
 * review. They are echoes: the change already counts the review.
 */
export function specReviewEvents(specs: readonly SpecSummary[], changes: readonly ChangeSummary[]): { item: SpecSummary; event: { who: string; act: string; when: string; echo: true } }[] {
  const { bySpec } = specLinks(specs, changes);
  const out: { item: SpecSummary; event: { who: string; act: string; when: string; echo: true } }[] = [];
  for (const spec of specs) {
    const first = new Map<string, string>();
    for (const { change, as } of bySpec.get(spec.key) ?? []) {
      if (as !== 'review') continue;
      for (const r of change.reviews) {
        const seen = first.get(r.by);
        if (seen === undefined || r.date < seen) first.set(r.by, r.date);
      }
    }
    for (const [who, when] of first) out.push({ item: spec, event: { who, act: 'reviewed', when, echo: true } });
  }
  return out;
}
