/**
 * The `specs` source: a git repository of design specs (nova-specs or KEP
 * layout), cloned into the source's cache and fetched on every sync (the last
 * good clone is kept when a fetch fails). Every spec's lifecycle comes from
 * one pass over the history, the `redirects` files and, for KEPs, every
 * version of kep.yaml (kep-history.ts); only specs whose file
 * changed since the revision last read are rendered again (reStructuredText
 * with docutils, Markdown with the site's pipeline), the others keep their
 * stored rendering. A spec that fails to render is kept with its source and
 * the reason, and reported; the sync goes on.
 */
import type { SpecsSourceConfig } from '../../config/schema.ts';
import { batchedBlobs, GitRepository, syncClone, type FileCommit, type TreeEntry } from '../../lib/git.ts';
import { Spec, SPEC_KIND } from '../../model/spec.ts';
import type { SourceDriver, SyncContext, SyncOutcome } from '../types.ts';
import { parseKep, type KepMetadata } from './kep.ts';
import { kepStatusHistory, readKepVersions, withHeadVersion } from './kep-history.ts';
import { linkTarget, readTree, type TreeSpec } from './layout.ts';
import { specLifecycle, type AliasHistory, type DatedMove, type MetadataVersion, type PathHistory } from './lifecycle.ts';
import { specPeople, specItem, toSpec } from './map.ts';
import { specLinks } from './meta.ts';
import { parseRedirects } from './redirects.ts';
import { renderSummary, SpecRenderers, type RenderOutcome } from './renderers.ts';

/** Renderings started ahead of the spec being stored: enough to keep every docutils process busy. */
const RENDER_AHEAD = 4;

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
  // Every kep.yaml at the head, and every version of each in its history, in a few `git cat-file --batch` runs.
  const kepHeads = await repo.readObjects(kepFiles.filter((p) => !/[\n\r]/.test(p)).map((p) => `${head}:${p}`));
  const kepVersions = await readKepVersions(repo, new Map(kepFiles.map((p) => [p, histories.get(p) ?? []])));
  const moves: DatedMove[] = [];
  for (const r of tree.redirects) {
    const parsed = parseRedirects((await repo.readBlob(head, r)).toString('utf8'), r);
    for (const p of parsed.problems) ctx.warn(r, p);
    moves.push(...parsed.moves);
  }
  // A spec whose file did not change since the stored rendering keeps it; the others are read in batches.
  const reusable = (spec: TreeSpec): Spec | undefined => {
    const had = stored.get(spec.key);
    const path = spec.files.at(-1)!.path;
    return had !== undefined && had.path === path && changed !== undefined && !changed.has(path) && (had.html !== undefined || had.renderError !== undefined) ? had : undefined;
  };
  const readSpec = batchedBlobs(repo, head, tree.specs.filter((s) => !reusable(s)).map((s) => s.files.at(-1)!.path));
  const renderers = new SpecRenderers();
  // Specs to render are started a few ahead, so that every docutils process has work; they are stored in order.
  const ahead = new Map<number, Promise<{ text: string; rendered: RenderOutcome } | { fatal: unknown }>>();
  const startRender = (j: number) => {
    const spec = tree.specs[j];
    if (!spec || ahead.has(j) || reusable(spec)) return;
    const file = spec.files.at(-1)!;
    const outcome = readSpec(file.path).then(async (bytes) => {
      const text = bytes.toString('utf8');
      return { text, rendered: await renderers.render(text, file.path, file.format) };
    });
    // Kept as a value until the loop reaches it, so that nothing is an unhandled rejection meanwhile.
    ahead.set(j, outcome.catch((fatal: unknown) => ({ fatal })));
  };
  try {
    for (const [done, spec] of tree.specs.entries()) {
      ctx.progress({ done, total: tree.specs.length, note: spec.key });
      for (let j = done; j <= done + RENDER_AHEAD; j++) startRender(j);
      const current = spec.files.at(-1)!;
      const kepPath = spec.metadata[current.path];
      let kep: KepMetadata | undefined;
      let metadata: MetadataVersion[] = [];
      if (kepPath) {
        const headText = kepHeads.get(`${head}:${kepPath}`)?.toString('utf8') ?? '';
        const parsed = parseKep(headText, kepPath);
        for (const p of parsed.problems) ctx.warn(kepPath, p);
        kep = parsed.meta;
        const past = kepStatusHistory(kepVersions.get(kepPath) ?? [], headText);
        for (const p of past.problems) ctx.warn(kepPath, p);
        metadata = withHeadVersion(past.metadata, kep, histories.get(kepPath)?.[0], current.path);
      }
      const aliases: AliasHistory[] = spec.aliases.map((a) => ({ path: a, commits: histories.get(a) ?? [], target: linkTarget(a, links.get(a) ?? '') ?? current.path }));
      const lifecycle = specLifecycle({
        key: spec.key,
        layout: spec.layout,
        histories: pathHistories(spec.files.map((f) => f.path), histories),
        aliases,
        moves,
        ...(metadata.length ? { metadata } : {}),
      });
      const had = reusable(spec);
      const reuse = had !== undefined;
      const fresh = reuse ? undefined : await ahead.get(done);
      ahead.delete(done);
      if (fresh && 'fatal' in fresh) throw fresh.fatal;
      const text = fresh?.text;
      const rendered: RenderOutcome = reuse
        ? had.html !== undefined
          ? { title: had.title, html: had.html, toc: had.toc, sections: [], intro: '', warnings: had.flags.includes('render-warnings') ? ['(kept)'] : [] }
          : { error: had.renderError!, source: had.source ?? '' }
        : fresh!.rendered;
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
    ctx.log.info(renderSummary(config.id, renderers, tree.specs.length));
  } finally {
    await renderers.close();
  }
  // Specs no longer in the tree are gone from the repository.
  const keys = new Set(tree.specs.map((s) => s.key));
  for (const key of stored.keys()) if (!keys.has(key)) ctx.remove(SPEC_KIND, key);
  if (!clone.updated) ctx.warn(config.repo, 'the repository could not be fetched; the last good copy was read');
  return { complete: clone.updated, meta: { revision: head } };
}

export const specsDriver: SourceDriver<SpecsSourceConfig> = { type: 'specs', kinds: [SPEC_KIND], sync: syncSpecs };
