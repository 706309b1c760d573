/**
 * A spec's parts (where the tree puts it, its git lifecycle, its rendering,
 * its metadata) to the portal's `spec` item (pure). Addresses stay out: a
 * git author is a keyed id, a name and the domain of the address.
 */
import { sourceTitle } from './title.ts';
import type { SpecsSourceConfig } from '../../config/schema.ts';
import type { GitPerson } from '../../lib/git.ts';
import { nameLooksLikeBot } from '../../lib/bots.ts';
import { maskDeep } from '../../lib/privacy.ts';
import { makeItem, type Item } from '../../model/item.ts';
import { Spec, SPEC_KIND, type SpecPerson } from '../../model/spec.ts';
import type { KepMetadata } from './kep.ts';
import type { SpecPlace, TreeSpec } from './layout.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { SpecLinks } from './meta.ts';
import type { Rendered } from './rendered.ts';
import { normaliseStatus } from './status.ts';

/** How much of the opening text a summary keeps. */
const SUMMARY_CHARS = 600;

/** The repository's name as the site shows it: the last part of its URL or path, without `.git`. */
export function repositoryName(repo: string): string {
  return repo.replace(/[/\\]+$/, '').replace(/\.git$/, '').split(/[/\\:]/).pop() || repo;
}

/** The review project of a repository URL: its last two path parts (`openstack/nova-specs`). */
export function reviewProject(config: Pick<SpecsSourceConfig, 'repo' | 'project'>): string | undefined {
  if (config.project) return config.project;
  try {
    const parts = new URL(config.repo).pathname.replace(/\.git$/, '').split('/').filter(Boolean);
    return parts.length >= 2 ? parts.slice(-2).join('/') : undefined;
  } catch {
    return undefined;
  }
}

export function specPeople(authors: readonly GitPerson[], identityId: (v: string) => string): SpecPerson[] {
  const out: SpecPerson[] = [];
  for (const a of authors) {
    if (nameLooksLikeBot({ name: a.name })) continue;
    const email = a.email.trim().toLowerCase();
    const domain = email.includes('@') ? email.split('@').pop() : undefined;
    out.push({ id: identityId(email || a.name), name: a.name || 'Unknown author', ...(domain ? { emailDomain: domain } : {}) });
  }
  return out;
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const at = text.lastIndexOf(' ', max);
  return `${text.slice(0, at > 0 ? at : max)}…`;
}

const sectionText = (r: Rendered | undefined, title: RegExp) => r?.sections.find((s) => title.test(s.title))?.text;

export interface SpecParts {
  tree: TreeSpec;
  /** The file read: the newest of `tree.files`. */
  current: SpecPlace;
  lifecycle: Lifecycle;
  /** The rendering, or why it failed (with the source kept to show). */
  rendered: Rendered | { error: string; source: string };
  links: SpecLinks;
  kep?: KepMetadata;
  authors: SpecPerson[];
  /** When git says nothing (a spec with no commit of its own): the head commit's date. */
  fallbackDate: string;
}

export function toSpec(config: SpecsSourceConfig, p: SpecParts): Spec {
  const ok = 'html' in p.rendered ? p.rendered : undefined;
  const failed = 'error' in p.rendered ? p.rendered : undefined;
  const kepStatus = p.kep?.status !== undefined ? normaliseStatus(p.kep.status) : undefined;
  const status = p.lifecycle.statusText ? { status: p.lifecycle.status, statusText: p.lifecycle.statusText } : (kepStatus ?? { status: 'other' as const, statusText: 'unknown' });
  const intro = (ok?.intro ?? '').replace(/\bhttps?:\/\/\S+/g, '').replace(/\s+/g, ' ').trim();
  const problem = sectionText(ok, /problem/i);
  const proposal = sectionText(ok, /proposed change|proposal|design details/i);
  const summary = cut(intro || sectionText(ok, /summary|motivation/i) || problem || '', SUMMARY_CHARS);
  const flags = [...(ok?.warnings.length ? ['render-warnings'] : []), ...(status.status === 'other' ? ['status-unknown'] : [])];
  const base = config.webUrl ? (config.webUrl.endsWith('/') ? config.webUrl : `${config.webUrl}/`) : undefined;
  const data: Spec = {
    key: p.tree.key,
    layout: p.tree.layout,
    repository: repositoryName(reviewProject(config) ?? config.repo),
    ...(reviewProject(config) ? { project: reviewProject(config) } : {}),
    path: p.current.path,
    ...(base ? { url: base + p.current.path.split('/').map(encodeURIComponent).join('/') } : {}),
    title: p.kep?.title || ok?.title || (failed && sourceTitle(failed.source, p.current.format)) || p.tree.key,
    ...(p.lifecycle.release ?? p.current.release ?? p.kep?.latestMilestone ? { release: p.lifecycle.release ?? p.current.release ?? p.kep?.latestMilestone } : {}),
    status: status.status,
    statusText: status.statusText,
    ...(p.kep?.owningSig ?? p.current.group ? { group: p.kep?.owningSig ?? p.current.group } : {}),
    ...(p.kep?.number ?? p.current.number ? { number: p.kep?.number ?? p.current.number } : {}),
    ...(p.kep?.stage ? { stage: p.kep.stage } : {}),
    milestones: p.kep?.milestones ?? {},
    summary,
    ...(problem ? { problem: cut(problem, 2000) } : {}),
    ...(proposal ? { proposal: cut(proposal, 2000) } : {}),
    ...(p.links.blueprint ? { blueprint: p.links.blueprint } : {}),
    ...(p.links.blueprintName ? { blueprintName: p.links.blueprintName } : {}),
    ...(p.links.tracking ? { tracking: p.links.tracking } : {}),
    ...(ok ? { html: ok.html } : {}),
    toc: ok?.toc ?? [],
    ...(failed ? { renderError: failed.error, source: failed.source } : {}),
    format: p.current.format,
    authors: p.authors,
    authorHandles: p.kep?.authors ?? [],
    created: p.lifecycle.created ?? p.fallbackDate,
    updated: p.lifecycle.updated ?? p.fallbackDate,
    history: p.lifecycle.history,
    aliases: p.tree.aliases,
    flags,
  };
  return Spec.parse(maskDeep(data));
}

export function specItem(config: Pick<SpecsSourceConfig, 'id' | 'repo' | 'webUrl'>, spec: Spec): Item<Spec> {
  return makeItem({ source: config.id, type: 'specs', origin: config.webUrl ?? config.repo, kind: SPEC_KIND, nativeId: spec.key, updatedOn: spec.updated, data: spec });
}
