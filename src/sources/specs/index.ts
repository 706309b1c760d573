/**
 * The `specs` source: a git repository of design specs (nova-specs or KEP
 * layout), cloned into the source's cache and fetched on every sync (the last
 * good clone is kept when a fetch fails). Every spec's lifecycle comes from
 * one pass over the history and the `redirects` files; only specs whose file
 * changed since the revision last read are rendered again (reStructuredText
 * with docutils, Markdown with the site's pipeline), the others keep their
 * stored rendering. A spec that fails to render is kept with its source and
 * the reason, and reported; the sync goes on.
 */
import { performance } from 'node:perf_hooks';
import type { SpecsSourceConfig } from '../../config/schema.ts';
import { GitRepository, syncClone, type FileCommit, type TreeEntry } from '../../lib/git.ts';
import { Spec, SPEC_KIND } from '../../model/spec.ts';
import type { SourceDriver, SyncContext, SyncOutcome } from '../types.ts';
import { parseKep, type KepMetadata } from './kep.ts';
import { linkTarget, readTree, type TreeSpec } from './layout.ts';
import { specLifecycle, type AliasHistory, type DatedMove, type PathHistory } from './lifecycle.ts';
import { specPeople, specItem, toSpec } from './map.ts';
import { MarkdownRenderer } from './markdown.ts';
import { specLinks } from './meta.ts';
import { parseRedirects } from './redirects.ts';
import { RenderError, type Rendered } from './rendered.ts';
import { DocutilsUnavailable, RstRenderer } from './rst.ts';

interface Renderers {
  rst?: RstRenderer;
  md?: MarkdownRenderer;
}

async function render(r: Renderers, text: string, spec: TreeSpec, path: string, format: 'rst' | 'markdown'): Promise<Rendered | { error: string; source: string }> {
  try {
    if (format === 'rst') return await (r.rst ??= new RstRenderer()).render(text, path);
    return await (r.md ??= new MarkdownRenderer()).render(text, path);
  } catch (err) {
    // No renderer at all is the machine's problem, not the spec's: the source stops with the fix.
    if (err instanceof DocutilsUnavailable) throw err;
    const reason = err instanceof RenderError ? err.message.replace(`${path}: `, '') : (err as Error).message;
    return { error: reason, source: text };
  }
}

/** Runs one rendering, counting it and its time (a sync says how many specs it rendered again, and how long that took). */
async function timed<T>(tally: { count: number; ms: number }, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    tally.count++;
    tally.ms += performance.now() - started;
  }
}

/** `specs: 1 of 1000 specs rendered in 0.1 s (docutils 0.19); 999 kept their stored rendering`. */
function renderSummary(id: string, tally: { count: number; ms: number }, total: number, docutils?: string): string {
  const kept = total - tally.count;
  return `${id}: ${tally.count} of ${total} specs rendered in ${(tally.ms / 1000).toFixed(1)} s${docutils ? ` (docutils ${docutils})` : ''}; ${kept} kept their stored rendering`;
}

/** The spec's stored item, when the last run rendered the same file. */
async function storedSpecs(ctx: SyncContext<SpecsSourceConfig>): Promise<Map<string, Spec>> {
  const out = new Map<string, Spec>();
  for await (const item of ctx.stored(SPEC_KIND)) out.set((item.data as Spec).key, item.data as Spec);
  return out;
}

function pathHistories(paths: readonly string[], all: ReadonlyMap<string, FileCommit[]>): PathHistory[] {
  return paths.map((path) => ({ path, commits: all.get(path) ?? [] }));
}

async function syncSpecs(ctx: SyncContext<SpecsSourceConfig>): Promise<SyncOutcome> {
  const { config } = ctx;
  const timeoutMs = config.timeout * 1000;
  const clone = await syncClone({ repo: config.repo, ...(config.branch ? { branch: config.branch } : {}), cacheDir: ctx.cacheDir, label: config.id, log: ctx.log, ...(ctx.signal ? { signal: ctx.signal } : {}), timeoutMs });
  const repo = new GitRepository(clone.dir, { ...(ctx.signal ? { signal: ctx.signal } : {}), timeoutMs });
  const head = clone.revision;
  const previous = typeof ctx.meta.revision === 'string' ? ctx.meta.revision : undefined;
  const entries: TreeEntry[] = await repo.listFiles(head);
  const tree = readTree(entries, config.layout);
  for (const p of tree.problems) ctx.warn(config.id, p);
  // What changed since the revision last read: those specs are rendered again (all of them on a first or --full run).
  let changed: Set<string> | undefined;
  if (previous && !ctx.full && previous !== head) {
    try {
      changed = new Set((await repo.changedFiles(previous, head)).flatMap((c) => [c.path, ...(c.from ? [c.from] : [])]));
    } catch {
      changed = undefined;
    }
  } else if (previous === head && !ctx.full) changed = new Set();
  const stored = await storedSpecs(ctx);
  const links = new Map(entries.filter((e) => e.type === 'symlink' && e.target).map((e) => [e.path, e.target!]));
  const kepFiles = tree.specs.flatMap((s) => Object.values(s.metadata));
  const histories = await repo.fileHistory([...new Set([...tree.specs.flatMap((s) => [...s.files.map((f) => f.path), ...s.aliases]), ...kepFiles])], head);
  const moves: DatedMove[] = [];
  for (const r of tree.redirects) {
    const parsed = parseRedirects((await repo.readBlob(head, r)).toString('utf8'), r);
    for (const p of parsed.problems) ctx.warn(r, p);
    moves.push(...parsed.moves);
  }
  const renderers: Renderers = {};
  const rendering = { count: 0, ms: 0 };
  let done = 0;
  try {
    for (const spec of tree.specs) {
      ctx.progress({ done: done++, total: tree.specs.length, note: spec.key });
      const current = spec.files.at(-1)!;
      const kepPath = spec.metadata[current.path];
      let kep: KepMetadata | undefined;
      if (kepPath) {
        const parsed = parseKep((await repo.readBlob(head, kepPath)).toString('utf8'), kepPath);
        for (const p of parsed.problems) ctx.warn(kepPath, p);
        kep = parsed.meta;
      }
      const aliases: AliasHistory[] = spec.aliases.map((a) => ({ path: a, commits: histories.get(a) ?? [], target: linkTarget(a, links.get(a) ?? '') ?? current.path }));
      const kepCommits = kepPath ? (histories.get(kepPath) ?? []) : [];
      const lifecycle = specLifecycle({
        key: spec.key,
        layout: spec.layout,
        histories: pathHistories(spec.files.map((f) => f.path), histories),
        aliases,
        moves,
        ...(kep && kepCommits[0] ? { metadata: [{ date: kepCommits[0].committed, commit: kepCommits[0].hash, path: current.path, ...(kep.status ? { statusText: kep.status } : {}), ...(kep.latestMilestone ? { release: kep.latestMilestone } : {}) }] } : {}),
      });
      const had = stored.get(spec.key);
      const reuse = had && had.path === current.path && changed !== undefined && !changed.has(current.path) && (had.html !== undefined || had.renderError !== undefined);
      const text = reuse ? undefined : (await repo.readBlob(head, current.path)).toString('utf8');
      const rendered = reuse
        ? had.html !== undefined
          ? { title: had.title, html: had.html, toc: had.toc, sections: [], intro: '', warnings: had.flags.includes('render-warnings') ? ['(kept)'] : [] }
          : { error: had.renderError!, source: had.source ?? '' }
        : await timed(rendering, () => render(renderers, text!, spec, current.path, current.format));
      if ('error' in rendered && !reuse) ctx.skip(current.path, `not rendered, shown as its source: ${rendered.error}`);
      else if (!reuse && 'warnings' in rendered && rendered.warnings.length) {
        ctx.warn(current.path, `rendered with ${rendered.warnings.length} problem${rendered.warnings.length === 1 ? '' : 's'} shown as text: ${rendered.warnings.slice(0, 2).join('; ')}${rendered.warnings.length > 2 ? '; …' : ''}`);
      }
      const data = toSpec(config, {
        tree: spec,
        current,
        lifecycle,
        rendered,
        links: text !== undefined ? specLinks(text, kep?.number !== undefined ? { number: kep.number } : {}) : { ...(had?.blueprint ? { blueprint: had.blueprint } : {}), ...(had?.blueprintName ? { blueprintName: had.blueprintName } : {}), ...(had?.tracking ? { tracking: had.tracking } : {}) },
        ...(kep ? { kep } : {}),
        authors: specPeople(lifecycle.authors, (v) => ctx.identityId(v)),
        fallbackDate: lifecycle.updated ?? new Date(ctx.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
      // A reused rendering keeps the summary texts it had (the sections are not kept in the store).
      // Parsed again so the keys keep the schema's order (the store compares bytes).
      const item = specItem(config, reuse ? Spec.parse({ ...data, summary: had.summary, ...(had.problem ? { problem: had.problem } : {}), ...(had.proposal ? { proposal: had.proposal } : {}) }) : data);
      await ctx.emit(item);
    }
    ctx.log.info(renderSummary(config.id, rendering, tree.specs.length, renderers.rst?.docutilsVersion));
  } finally {
    await renderers.rst?.close();
    await renderers.md?.close();
  }
  // Specs no longer in the tree are gone from the repository.
  const keys = new Set(tree.specs.map((s) => s.key));
  for (const key of stored.keys()) if (!keys.has(key)) ctx.remove(SPEC_KIND, key);
  if (!clone.updated) ctx.warn(config.repo, 'the repository could not be fetched; the last good copy was read');
  return { complete: clone.updated, meta: { revision: head } };
}

export const specsDriver: SourceDriver<SpecsSourceConfig> = { type: 'specs', kinds: [SPEC_KIND], sync: syncSpecs };
