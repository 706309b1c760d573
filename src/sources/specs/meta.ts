/**
 * Links a spec's source text gives (pure; reStructuredText or Markdown, read
 * as text, before rendering): its Launchpad blueprint (nova-specs asks for
 * one near the top: "https://blueprints.launchpad.net/nova/+spec/<name>"),
 * and its tracking issue on GitHub (a KEP's enhancement issue). Titles and
 * sections are the renderer's business.
 */

export interface SpecLinks {
  /** `https://blueprints.launchpad.net/<project>/+spec/<name>`, written the one way whatever the source wrote. */
  blueprint?: string;
  blueprintProject?: string;
  blueprintName?: string;
  /** `https://github.com/<owner>/<repo>/issues/<n>`. */
  tracking?: string;
}

export interface SpecLinksOptions {
  /** A KEP's number: its enhancement issue has the same number, so that link is preferred. */
  number?: number;
}

/**
 * Launchpad project and blueprint names are lower-case letters, digits and `+ . -`, starting with
 * a letter or digit; some specs write the link on launchpad.net without the blueprints host, or
 * over http.
 */
const BLUEPRINT = /\bhttps?:\/\/([a-z0-9][a-z0-9.-]*)\/([a-z0-9][a-z0-9+.-]*)\/\+spec\/([a-z0-9][a-z0-9+.-]*)/gi;
const LAUNCHPAD = /^(?:blueprints\.)?launchpad\.net$/i;
const ISSUE = /\bhttps?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/issues\/(\d+)\b/g;

/** A name ends at sentence or markup punctuation glued to it (`…/+spec/foo.`, `…/+spec/foo>`). */
const trimName = (name: string) => name.replace(/[.+-]+$/, '');

/** The first blueprint link of the text. */
export function findBlueprint(source: string): Pick<SpecLinks, 'blueprint' | 'blueprintProject' | 'blueprintName'> {
  for (const m of source.matchAll(BLUEPRINT)) {
    const host = m[1]!.toLowerCase();
    const project = trimName(m[2]!.toLowerCase());
    const name = trimName(m[3]!.toLowerCase());
    if (!project || !name) continue;
    // Launchpad's links are written the one way; a self-hosted tracker with Launchpad's URL form keeps its host.
    const base = LAUNCHPAD.test(host) ? 'https://blueprints.launchpad.net' : `https://${host}`;
    return { blueprint: `${base}/${project}/+spec/${name}`, blueprintProject: project, blueprintName: name };
  }
  return {};
}

/** The GitHub issue link of the text: the one numbered like the KEP when there is one, else the first. */
export function findTracking(source: string, opts: SpecLinksOptions = {}): string | undefined {
  const issues = [...source.matchAll(ISSUE)].map((m) => ({ url: `https://github.com/${m[1]}/${m[2]!.replace(/\.git$/, '')}/issues/${Number(m[3])}`, number: Number(m[3]) }));
  return (issues.find((i) => opts.number !== undefined && i.number === opts.number) ?? issues[0])?.url;
}

/** Blueprint and tracking issue of a spec's source text. */
export function specLinks(source: string, opts: SpecLinksOptions = {}): SpecLinks {
  const tracking = findTracking(source, opts);
  return { ...findBlueprint(source), ...(tracking ? { tracking } : {}) };
}
