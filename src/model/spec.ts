import { z } from 'zod';

/**
 * Design specs as the portal keeps them: one `spec` item per spec document of
 * a specs git repository (nova-specs' `specs/<release>/<status>/<name>.rst`,
 * Kubernetes' `keps/<sig>/<NNNN-name>/README.md` + `kep.yaml`), rendered to
 * sanitised HTML at sync time, with its history from git and the repository's
 * `redirects` files. A spec is keyed by its name (the file name without
 * extension, or the KEP folder), so its moves between releases and statuses
 * are one item with a history, not several.
 */
export const SPEC_KIND = 'spec';

/** Lifecycle words Agora knows; anything else written in a file is kept as written, with `status: 'other'`. */
export const SPEC_STATUSES = ['proposed', 'approved', 'implemented', 'backlog', 'abandoned', 'superseded', 'deferred', 'withdrawn', 'other'] as const;
export type SpecStatus = (typeof SPEC_STATUSES)[number];

/** A person from git (author or co-author): a keyed id, never the address. */
export const SpecPerson = z.strictObject({
  /** Native account id: `ctx.identityId(address)`, or of the name when there is none. */
  id: z.string().min(1),
  name: z.string(),
  emailDomain: z.string().optional(),
});
export type SpecPerson = z.infer<typeof SpecPerson>;

/** One step of a spec's life: it was at `path` (release, status) from `date`, by `commit`. */
export const SpecStep = z.strictObject({
  /** UTC ISO 8601 of the commit that put it there. */
  date: z.string(),
  commit: z.string().optional(),
  path: z.string(),
  release: z.string().optional(),
  status: z.enum(SPEC_STATUSES),
  /** The status as the path or file wrote it. */
  statusText: z.string(),
  /** KEPs: the stage (alpha, beta, stable) kep.yaml gave at the time, as written. */
  stage: z.string().optional(),
  /** How the step is known: a git commit, a `redirects` line, or the file's own metadata (kep.yaml). */
  from: z.enum(['git', 'redirects', 'metadata']),
});
export type SpecStep = z.infer<typeof SpecStep>;

export const TocEntry = z.strictObject({
  /** Section depth, 1 for the spec's top sections. */
  depth: z.number().int().min(1),
  title: z.string(),
  /** The id of its heading in `html`. */
  anchor: z.string(),
});

export const Spec = z.strictObject({
  /** `<name>` (nova-specs) or `<sig>/<NNNN-name>` (KEPs): page name and store id. */
  key: z.string().min(1),
  layout: z.enum(['nova-specs', 'kep', 'plain']),
  /** The repository's name as the site shows it (`nova-specs`): its place when the layout has no group. */
  repository: z.string().min(1),
  /** The code-review project that reviews the repository (`openstack/nova-specs`), to join its changes. */
  project: z.string().optional(),
  /** Path of the spec file in the repository, at the newest revision read. */
  path: z.string().min(1),
  /** The repository's browse URL for the file, when the config gives a base. */
  url: z.string().optional(),
  title: z.string(),
  /** Where it stands now (the newest step). */
  release: z.string().optional(),
  status: z.enum(SPEC_STATUSES),
  statusText: z.string(),
  /** KEP owning SIG, or nova-specs' project (the repository's place). */
  group: z.string().optional(),
  /** KEP number, stage, milestones. */
  number: z.number().int().optional(),
  stage: z.string().optional(),
  milestones: z.record(z.string(), z.string()).default({}),
  /** The first paragraphs (the spec's own summary, or its problem description). */
  summary: z.string(),
  /** Plain text of the problem description and proposed change sections, when present (search and lists). */
  problem: z.string().optional(),
  proposal: z.string().optional(),
  /** Launchpad blueprint or tracking issue URL, and the blueprint's name (joins implementation changes). */
  blueprint: z.string().optional(),
  blueprintName: z.string().optional(),
  tracking: z.string().optional(),
  /** Sanitised HTML of the body (no title: the page shows it), or absent when rendering failed. */
  html: z.string().optional(),
  toc: z.array(TocEntry).default([]),
  /** Why rendering failed; the page then shows `source` escaped, with a notice. */
  renderError: z.string().optional(),
  source: z.string().optional(),
  format: z.enum(['rst', 'markdown']),
  /** Authors from git (first commit author first) and the metadata's authors (KEPs). */
  authors: z.array(SpecPerson),
  /** Authors as kep.yaml names them (GitHub handles). */
  authorHandles: z.array(z.string()).default([]),
  created: z.string(),
  updated: z.string(),
  history: z.array(SpecStep),
  /** Other paths of the same spec (symlinks, moved copies), recorded, not duplicated. */
  aliases: z.array(z.string()).default([]),
  /** What the reader noticed (`status-unknown`, `render-warnings`…). */
  flags: z.array(z.string()).default([]),
});
export type Spec = z.infer<typeof Spec>;
