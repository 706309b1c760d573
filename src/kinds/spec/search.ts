import { maskEmail } from '../../lib/privacy.ts';
import type { Spec } from '../../model/spec.ts';
import type { PeopleView, SearchDoc } from '../types.ts';
import type { SpecSummary } from './summary.ts';

/** How much of a spec's rendered text goes into the index after its summary. */
export const MAX_SPEC_CHARS = 8000;

/** The spec's text as a reader sees it: its rendered HTML without tags, else its source. */
export function specText(s: Pick<Spec, 'html' | 'source'>): string {
  const text = s.html
    ? s.html
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' })[e] ?? ' ')
    : (s.source ?? '');
  return text.replace(/\s+/g, ' ').trim();
}

/** A spec as a search document: title, where it stands (release, status), its authors as the byline, then its text. */
export function specToDoc(source: string, d: Spec, s: SpecSummary, people: PeopleView): SearchDoc {
  const authors = s.authors.filter((k) => !people.isHidden(k)).map((k) => people.person(k)?.name).filter((n): n is string => !!n);
  const where = [d.release && `Release ${d.release}`, `status ${d.statusText}`, d.group && `group ${d.group}`, d.blueprintName && `blueprint ${d.blueprintName}`].filter(Boolean).join(', ');
  const body = `${where}.\n\n${people.redact(specText(d)).slice(0, MAX_SPEC_CHARS)}`;
  return {
    id: `${source}:spec:${d.key}`,
    path: s.path,
    title: maskEmail(people.redact(s.title)),
    body: maskEmail(body),
    ...(authors.length ? { byline: maskEmail(authors.join(', ')) } : {}),
    source,
    kind: 'spec',
    project: s.place ?? d.repository,
    date: d.updated,
    status: d.status,
  };
}
