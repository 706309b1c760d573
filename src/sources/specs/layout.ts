/**
 * Where the specs are in a repository's tree (pure): which layout it follows,
 * which files are spec documents, and what a spec file's path says about it.
 *
 * - nova-specs: `specs/<release>/<status>/<name>.rst`, also `specs/backlog/…`,
 *   `specs/abandoned/<name>.rst` and the early `specs/<release>/<name>.rst`
 *   (before approved/ and implemented/ existed, a merged spec was an approved
 *   one). Templates (`template.rst`, `<release>-template.rst`), index pages
 *   and READMEs are not specs. Key: the file name without `.rst`.
 * - KEPs: `keps/<sig>/[<sub-project>/]<NNNN-name>/README.md` with a
 *   `kep.yaml` beside it; `keps/NNNN-kep-template/` (and any `NNNN-…`
 *   folder, the templates) and `keps/prod-readiness/` are not KEPs. Key:
 *   `<sig>/<NNNN-name>`.
 * - plain: any `.rst` or `.md` file outside hidden folders, READMEs, index
 *   pages and templates aside. Key: the path without its extension.
 *
 * A symbolic link is never a second spec: when it points at a spec file it is
 * recorded as an alias of that spec; when it points at a folder, or outside
 * the repository, or at nothing, it is left out.
 */
import { posix } from 'node:path';
import { normaliseStatus } from './status.ts';

export type SpecLayout = 'nova-specs' | 'kep' | 'plain';

/** What layout.ts needs of a tree entry (lib/git's TreeEntry fits). */
export interface TreeFile {
  path: string;
  type: 'file' | 'executable' | 'symlink' | 'submodule';
  target?: string;
}

/** What a spec file's path says. */
export interface SpecPlace {
  key: string;
  layout: SpecLayout;
  path: string;
  format: 'rst' | 'markdown';
  /** nova-specs' release folder (`2024.1`, `juno`). */
  release?: string;
  /** The status as the path writes it (nova-specs' folder, `approved` for the folder-less form); none for KEPs (kep.yaml has it). */
  statusText?: string;
  /** KEP owning SIG (its folder), and sub-project folder. */
  group?: string;
  subProject?: string;
  /** KEP number, from its folder name. */
  number?: number;
}

export type SkipReason = 'template' | 'index' | 'redirects' | 'not-a-spec' | 'link';

export interface Skipped {
  path: string;
  reason: SkipReason;
}

export type Classified = ({ spec: true } & SpecPlace) | ({ spec: false } & Skipped);

/** One spec of the tree: its file(s) (several for a name proposed again in a later release), newest release last. */
export interface TreeSpec {
  key: string;
  layout: SpecLayout;
  files: SpecPlace[];
  /** For KEPs: the kep.yaml of each file's folder, when the tree has one (by file path). */
  metadata: Record<string, string>;
  /** Symbolic links to the spec's files. */
  aliases: string[];
}

export interface TreeLayout {
  layout: SpecLayout;
  specs: TreeSpec[];
  /** Paths of nova-specs `redirects` files. */
  redirects: string[];
  skipped: Skipped[];
  /** What is odd in the tree (a link to nothing, a KEP folder without README.md), each naming the path. */
  problems: string[];
}

const RST = /\.rst$/i;
const MARKDOWN = /\.(md|markdown)$/i;
const KEP_FOLDER = /^(\d+)-(.+)$/;

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const stem = (name: string) => name.replace(/\.[^.]+$/, '');
const isIndex = (name: string) => /^(index|readme)\.(rst|md|markdown|txt)$/i.test(name);
const isTemplate = (name: string) => /(^|[-_.])template\.(rst|md|markdown)$/i.test(name);

/**
 * The layout a tree follows: KEPs when it has `keps/…/kep.yaml` files, nova-specs when it has
 * `.rst` files under `specs/<folder>/`, plain otherwise; the more numerous wins when it has both.
 */
export function detectLayout(paths: readonly string[]): SpecLayout {
  let keps = 0;
  let nova = 0;
  for (const path of paths) {
    if (/^keps\/.+\/kep\.yaml$/.test(path)) keps++;
    else if (/^specs\/[^/]+\/(?:[^/]+\/)?[^/]+\.rst$/i.test(path)) nova++;
  }
  if (keps === 0 && nova === 0) return 'plain';
  return keps >= nova ? 'kep' : 'nova-specs';
}

/** What a path is in a layout: a spec file (and what its path says), or why it is not one. */
export function classifyPath(path: string, layout: SpecLayout): Classified {
  const name = baseName(path);
  if (name === 'redirects') return { spec: false, path, reason: 'redirects' };
  if (layout === 'nova-specs') return classifyNova(path, name);
  if (layout === 'kep') return classifyKep(path, name);
  return classifyPlain(path, name);
}

function classifyNova(path: string, name: string): Classified {
  const parts = path.split('/');
  if (parts[0] !== 'specs' || !RST.test(name)) return { spec: false, path, reason: 'not-a-spec' };
  if (isTemplate(name)) return { spec: false, path, reason: 'template' };
  if (isIndex(name)) return { spec: false, path, reason: 'index' };
  const folders = parts.slice(1, -1);
  const key = stem(name);
  const spec = (release: string | undefined, statusText: string): Classified => ({ spec: true, key, layout: 'nova-specs', path, format: 'rst', ...(release === undefined ? {} : { release }), statusText });
  const isStatus = (folder: string) => normaliseStatus(folder).status !== 'other';
  if (folders.length === 1) {
    // specs/abandoned/<name>.rst, or the early specs/<release>/<name>.rst.
    return isStatus(folders[0]!) ? spec(undefined, folders[0]!) : spec(folders[0]!, 'approved');
  }
  if (folders.length === 2) {
    const [outer, inner] = folders as [string, string];
    // specs/backlog/approved/<name>.rst: the backlog is what it is; approved/ is the folder's one way in.
    if (isStatus(outer)) return spec(undefined, outer);
    return spec(outer, inner);
  }
  // specs/<name>.rst beside the releases, or deeper folders (images, includes).
  return { spec: false, path, reason: 'not-a-spec' };
}

/** `keps/<sig>/[<sub>/]<NNNN-name>/README.md`, and the single-file KEPs of before the folders (`keps/<sig>/NNNN-name.md`), read for history. */
function classifyKep(path: string, name: string): Classified {
  const parts = path.split('/');
  if (parts[0] !== 'keps' || !MARKDOWN.test(name)) return { spec: false, path, reason: 'not-a-spec' };
  const top = parts[1] ?? '';
  if (/^N{2,}(-|$)/.test(top) || /template/i.test(top)) return { spec: false, path, reason: 'template' };
  if (top === 'prod-readiness') return { spec: false, path, reason: 'not-a-spec' };
  const inKepFolder = /^readme\.md$/i.test(name) && (parts.length === 4 || parts.length === 5) ? parts.at(-2)! : undefined;
  // A numbered file inside a KEP folder is an attachment of that KEP, not a KEP of its own.
  const single = parts.length === 3 || (parts.length === 4 && !KEP_FOLDER.test(parts[2]!)) ? stem(name) : undefined;
  const folder = inKepFolder && KEP_FOLDER.test(inKepFolder) ? inKepFolder : single && KEP_FOLDER.test(single) && !/^readme$/i.test(single) ? single : undefined;
  if (!folder) return { spec: false, path, reason: isIndex(name) ? 'index' : 'not-a-spec' };
  if (/template/i.test(folder)) return { spec: false, path, reason: 'template' };
  const sig = top;
  const isFolderForm = folder === inKepFolder;
  const subProject = isFolderForm ? (parts.length === 5 ? parts[2] : undefined) : parts.length === 4 ? parts[2] : undefined;
  const number = Number(KEP_FOLDER.exec(folder)![1]);
  return { spec: true, key: `${sig}/${folder}`, layout: 'kep', path, format: 'markdown', group: sig, ...(subProject ? { subProject } : {}), number };
}

function classifyPlain(path: string, name: string): Classified {
  if (path.split('/').some((p) => p.startsWith('.'))) return { spec: false, path, reason: 'not-a-spec' };
  const format = RST.test(name) ? 'rst' : MARKDOWN.test(name) ? 'markdown' : undefined;
  if (!format) return { spec: false, path, reason: 'not-a-spec' };
  if (isTemplate(name)) return { spec: false, path, reason: 'template' };
  if (isIndex(name)) return { spec: false, path, reason: 'index' };
  if (/^(contributing|changelog|changes|code[-_]of[-_]conduct|security|license|authors|owners)\.(rst|md|markdown)$/i.test(name)) return { spec: false, path, reason: 'not-a-spec' };
  const folder = path.split('/').at(-2);
  const status = folder !== undefined && normaliseStatus(folder).status !== 'other' ? { statusText: folder } : {};
  return { spec: true, key: path.replace(/\.[^./]+$/, ''), layout: 'plain', path, format, ...status };
}

/** Where a link points, as a repository path; undefined when it leaves the repository. */
export function linkTarget(link: string, target: string): string | undefined {
  if (target.startsWith('/')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(link), target));
  return joined === '..' || joined.startsWith('../') || joined === '.' ? undefined : joined;
}

/** Release folders in time order: named ones (austin … zed, alphabetical) before numbered ones (2023.1, 2023.2 …). */
export function compareReleases(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const numbered = (r: string) => /^\d/.test(r);
  if (numbered(a) !== numbered(b)) return numbered(a) ? 1 : -1;
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Follows links to links (up to a few hops) to the file at the end. */
function resolveLink(path: string, links: Map<string, string>, files: Set<string>): string | undefined {
  let at = path;
  for (let hop = 0; hop < 8; hop++) {
    const target = linkTarget(at, links.get(at)!);
    if (target === undefined) return undefined;
    if (files.has(target)) return target;
    if (!links.has(target)) return undefined;
    at = target;
  }
  return undefined;
}

/** The specs of a tree, grouped by key, with their aliases, and what was left out and why. */
export function readTree(entries: readonly TreeFile[], layout: SpecLayout | 'auto' = 'auto'): TreeLayout {
  const chosen = layout === 'auto' ? detectLayout(entries.filter((e) => e.type !== 'symlink').map((e) => e.path)) : layout;
  const files = new Set(entries.filter((e) => e.type === 'file' || e.type === 'executable').map((e) => e.path));
  const links = new Map(entries.filter((e) => e.type === 'symlink').map((e) => [e.path, e.target ?? '']));
  const byKey = new Map<string, TreeSpec>();
  const byPath = new Map<string, TreeSpec>();
  const out: TreeLayout = { layout: chosen, specs: [], redirects: [], skipped: [], problems: [] };

  for (const entry of entries) {
    if (entry.type === 'submodule' || entry.type === 'symlink') continue;
    const c = classifyPath(entry.path, chosen);
    if (!c.spec) {
      if (c.reason === 'redirects' && chosen === 'nova-specs') out.redirects.push(entry.path);
      out.skipped.push({ path: entry.path, reason: c.reason });
      continue;
    }
    const { spec: _, ...place } = c;
    let spec = byKey.get(place.key);
    if (!spec) byKey.set(place.key, (spec = { key: place.key, layout: chosen, files: [], metadata: {}, aliases: [] }));
    spec.files.push(place);
    byPath.set(place.path, spec);
    if (chosen === 'kep') {
      const yaml = posix.join(posix.dirname(place.path), 'kep.yaml');
      if (files.has(yaml) && /^readme\.md$/i.test(baseName(place.path))) spec.metadata[place.path] = yaml;
      else if (/^readme\.md$/i.test(baseName(place.path))) out.problems.push(`${place.path}: no kep.yaml beside it`);
    }
  }
  if (chosen === 'kep') kepFoldersWithoutReadme(files, byPath, out);

  for (const [path, target] of links) {
    const to = resolveLink(path, links, files);
    const spec = to === undefined ? undefined : byPath.get(to);
    if (spec) spec.aliases.push(path);
    else if (classifyPath(path, chosen).spec) {
      const why = to === undefined ? (linkTarget(path, target) === undefined ? 'points outside the repository' : 'points at no file of the tree (a folder, or nothing)') : `points at ${to}, which is not a spec`;
      out.problems.push(`${path}: a symbolic link that ${why}; left out`);
    }
    out.skipped.push({ path, reason: 'link' });
  }

  for (const spec of byKey.values()) {
    spec.files.sort((a, b) => compareReleases(a.release, b.release) || a.path.localeCompare(b.path));
    spec.aliases.sort();
    out.specs.push(spec);
  }
  out.specs.sort((a, b) => a.key.localeCompare(b.key));
  return out;
}

/** A kep.yaml in a KEP folder whose README.md is missing: the KEP cannot be shown; say so. */
function kepFoldersWithoutReadme(files: Set<string>, byPath: Map<string, TreeSpec>, out: TreeLayout): void {
  for (const path of files) {
    if (!/^keps\/.+\/kep\.yaml$/.test(path)) continue;
    const readme = posix.join(posix.dirname(path), 'README.md');
    const c = classifyPath(readme, 'kep');
    if (c.spec && !byPath.has(readme)) out.problems.push(`${path}: a kep.yaml without README.md beside it; left out`);
  }
}
