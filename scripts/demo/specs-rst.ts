import { pyFill } from './pytextwrap.ts';
import type { SpecIdea } from './specs-ideas.ts';

/**
 * The text of the demo specs repository: spec bodies in the section structure
 * of nova-specs' template, per-release templates and index pages. Each spec
 * carries the constructs a renderer must handle (nested lists, literal and
 * code blocks, simple and grid tables, a footnote, an anonymous link, a note,
 * a `:doc:` role); two carry hostile or broken markup on purpose.
 */

export const BLUEPRINT_BASE = 'https://blueprints.aurora.example/aurora/+spec/';

const LICENSE = [
  '..',
  ' This work is licensed under a Creative Commons Attribution 3.0 Unported',
  ' License.',
  '',
  ' http://creativecommons.org/licenses/by/3.0/legalcode',
].join('\n');

export interface SpecTextContext {
  /** Launchpad-style ids of the primary assignee and other contributors. */
  assignee: string;
  others: string[];
  /** History rows: release, description. */
  history: [string, string][];
  /** The dependency's path relative to this file, without `.rst` (a `:doc:` target). */
  dependsDoc?: string;
  /** The release the spec was written for, or "backlog". */
  release: string;
  hostile?: boolean;
  broken?: boolean;
  /** Markup docutils itself cannot render (the sync must show the escaped source with a notice). */
  unrenderable?: boolean;
}

function title(text: string, char = '='): string {
  const line = char.repeat(text.length);
  return `${line}\n${text}\n${line}`;
}

function heading(text: string, char: '=' | '-'): string {
  return `${text}\n${char.repeat(text.length)}`;
}

function indent(text: string, by = '    '): string {
  return text.split('\n').map((l) => (l ? by + l : l)).join('\n');
}

/** A reStructuredText simple table (columns separated by runs of spaces). */
export function simpleTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const rule = widths.map((w) => '='.repeat(w)).join('  ');
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [rule, line(head), rule, ...rows.map(line), rule].join('\n');
}

/** A reStructuredText grid table with one header row. */
export function gridTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const rule = (c: string) => `+${widths.map((w) => c.repeat(w + 2)).join('+')}+`;
  const line = (cells: readonly string[]) => `|${cells.map((c, i) => ` ${c.padEnd(widths[i] ?? 0)} `).join('|')}|`;
  return [rule('-'), line(head), rule('='), ...rows.flatMap((r) => [line(r), rule('-')])].join('\n');
}

/** Prose wrapped at 79 columns, as the template asks. */
function para(text: string): string {
  return pyFill(text, 79);
}

function bullet(text: string, depth = 0): string {
  const pad = '  '.repeat(depth);
  return pyFill(text, 79, `${pad}* `, `${pad}  `);
}

function bullets(items: readonly [string, readonly string[]][]): string {
  return items
    .map(([item, subs]) => (subs.length ? `${bullet(item)}\n\n${subs.map((s) => bullet(s, 1)).join('\n')}` : bullet(item)))
    .join('\n\n');
}

function teamOf(idea: SpecIdea): string {
  const word = idea.project.split('/')[1] ?? idea.project;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function hostileMarkup(): string {
  return [
    'The first prototype let the banner carry raw markup, which is what this spec',
    'rules out. For the record, this is what such a banner looked like:',
    '',
    '.. raw:: html',
    '',
    '   <script>alert(1)</script>',
    '   <div onmouseover="alert(1)">Maintenance tonight</div>',
    '',
    'and the help link it pointed to was `x <javascript:alert(1)>`_.',
  ].join('\n');
}

/** Markup docutils still renders, with warnings and errors: an unclosed literal, a malformed table, a short underline, an unknown directive. */
function brokenMarkup(): string {
  return [
    'The cache key is ``project_id:resource and the value is the counted usage.',
    '',
    '+--------------+-----------+',
    '| Resource     | TTL       |',
    '+--------------+----------+',
    '| instances    | 30 s |',
    '+--------------+-----------+',
    '',
    'Cache invalidation',
    '-------',
    '',
    '.. quota-cache:: instances',
    '   :ttl: 5',
    '',
    'Deleting an instance drops the cached value of its project.',
  ].join('\n');
}

/**
 * An outline pasted as one line of nested bullets ("- - - … x"), nested
 * deeper than docutils' parser can recurse: it raises RecursionError, so
 * the whole document fails to render (as real pasted or generated text can).
 */
export const UNRENDERABLE_DEPTH = 800;
function unrenderableMarkup(): string {
  return ['The cache warm-up order, exported from the planning tool:', '', `${'- '.repeat(UNRENDERABLE_DEPTH)}warm the base images first`].join('\n');
}

function dataModel(idea: SpecIdea): string {
  if (!idea.fields?.length) return 'None.';
  return ['The change adds or removes the following:', '', gridTable(['Column or table', 'Type', 'Notes'], idea.fields), '', para('A database migration adds the new columns; existing rows keep the default.')].join('\n');
}

function restApi(idea: SpecIdea): string {
  if (!idea.api) return 'None.';
  return [
    para(`A new microversion changes \`\`${idea.api.method} ${idea.api.path}\`\`.`),
    '',
    '* Normal response codes: 200',
    '* Error response codes:',
    '',
    '  * 400 when the request body does not match the schema',
    '  * 403 when policy does not allow the caller',
    '',
    'Example request body::',
    '',
    indent(idea.api.body),
  ].join('\n');
}

/** The body of one spec file (what a proposal adds under specs/<release>/approved/). */
export function specRst(idea: SpecIdea, ctx: SpecTextContext): string {
  const team = teamOf(idea);
  const deps = ctx.dependsDoc ? `This builds on :doc:\`${ctx.dependsDoc}\`, which should land first.` : 'None.';
  const parts: string[] = [
    LICENSE,
    title(idea.title),
    `${BLUEPRINT_BASE}${idea.name}`,
    para(idea.summary),
    heading('Problem description', '='),
    para(idea.problem),
    heading('Use Cases', '-'),
    idea.uses.map((u) => bullet(u)).join('\n'),
    heading('Proposed change', '='),
    bullets(idea.change),
    ...(ctx.hostile ? [hostileMarkup()] : []),
    'The configuration would look like this::',
    indent(idea.config),
    'A sketch of the core of the change:',
    `.. code-block:: python\n\n${indent(idea.code)}`,
    ...(ctx.broken ? [brokenMarkup()] : []),
    ...(ctx.unrenderable ? [unrenderableMarkup()] : []),
    `.. note::\n\n${pyFill(`Nothing changes for deployments that keep the defaults; the new behaviour is opt-in for the ${ctx.release} release.`, 79, '   ', '   ')}`,
    heading('Alternatives', '-'),
    para(`We could leave this to deployment tooling, as today. That was discussed at the ${ctx.release} PTG [#]_ and rejected: every deployment tool would solve it differently.`),
    heading('Data model impact', '-'),
    dataModel(idea),
    heading('REST API impact', '-'),
    restApi(idea),
    heading('Security impact', '-'),
    'No new secrets are stored. Input is validated by the existing schemas.',
    heading('Notifications impact', '-'),
    'None.',
    heading('Other end user impact', '-'),
    'None.',
    heading('Performance Impact', '-'),
    'Negligible: the new code runs once per request, not once per host.',
    heading('Other deployer impact', '-'),
    'The new options default to the current behaviour.',
    heading('Developer impact', '-'),
    'None.',
    heading('Upgrade impact', '-'),
    'None.',
    heading('Implementation', '='),
    heading('Assignee(s)', '-'),
    `Primary assignee:\n  ${ctx.assignee}\n\nOther contributors:\n  ${ctx.others.length ? ctx.others.join(', ') : 'None'}`,
    heading('Feature Liaison', '-'),
    `Feature liaison:\n  ${ctx.assignee}`,
    heading('Work Items', '-'),
    idea.work.map((w) => bullet(w)).join('\n'),
    heading('Dependencies', '='),
    ctx.dependsDoc ? bullet(deps) : deps,
    heading('Testing', '='),
    '* Unit tests for the new code paths.\n* A functional test that runs the whole flow with the fake driver.',
    heading('Documentation Impact', '='),
    para(idea.docs),
    heading('References', '='),
    `* \`The ${team} team wiki <https://wiki.aurora.example/${team}>\`__\n* The blueprint: ${BLUEPRINT_BASE}${idea.name}`,
    `.. [#] https://etherpad.aurora.example/p/aurora-ptg-${ctx.release}`,
    heading('History', '='),
    simpleTable(['Release', 'Description'], ctx.history),
  ];
  return `${parts.join('\n\n')}\n`;
}

/** `specs/<release>-template.rst`: the template proposals copy for that release. */
export function templateRst(release: string): string {
  const parts = [
    LICENSE,
    title('Example Spec - The title of your blueprint'),
    'Give the URL of your blueprint:',
    `${BLUEPRINT_BASE}example`,
    'Introduction paragraph: why are we doing anything? One paragraph an operator',
    'can follow. It becomes the subject and body of the commit message.',
    'Some notes about this template:',
    '* Name the file after the blueprint: a blueprint at\n  ' + BLUEPRINT_BASE + 'awesome-thing is\n  proposed as awesome-thing.rst.\n\n* Keep every section. If there is nothing to say, write "None".\n\n  * Wrap text at 79 columns.\n  * Diagrams are ASCII art, so they can be reviewed inline.',
    heading('Problem description', '='),
    'What problem does this blueprint address?',
    heading('Use Cases', '-'),
    'Who are the actors (end user, operator, developer) and what do they need?',
    heading('Proposed change', '='),
    'How do you propose to solve the problem? Where does this piece end?',
    heading('Alternatives', '-'),
    'What else could be done, and why is this the better way?',
    heading('Data model impact', '-'),
    'New tables, columns or objects, and their migrations.',
    heading('REST API impact', '-'),
    'Each method added or changed: what it does, its method and URL, its response\nand error codes, and its JSON schema. For example::\n\n    POST /servers/{server_id}/action\n    {"example": {"name": "value"}}',
    heading('Security impact', '-'),
    'Tokens, keys, user data, privileges, or parsing of user input.',
    heading('Notifications impact', '-'),
    'New or changed notifications.',
    heading('Other end user impact', '-'),
    'Clients and the dashboard.',
    heading('Performance Impact', '-'),
    'How often does the new code run, and what does it call?',
    heading('Other deployer impact', '-'),
    'Configuration options, and whether the change takes effect on its own.',
    heading('Developer impact', '-'),
    'What other developers must know.',
    heading('Upgrade impact', '-'),
    'What operators must do when they upgrade.',
    heading('Implementation', '='),
    heading('Assignee(s)', '-'),
    'Primary assignee:\n  <launchpad-id or None>\n\nOther contributors:\n  <launchpad-id or None>',
    heading('Feature Liaison', '-'),
    'Feature liaison:\n  <launchpad-id or None>',
    heading('Work Items', '-'),
    'The work items, each one a change or a few.',
    heading('Dependencies', '='),
    'Other specs, blueprints or libraries this depends on.',
    heading('Testing', '='),
    'Which scenarios are tested, and where: unit, functional or integration.',
    heading('Documentation Impact', '='),
    'Which guides change.',
    heading('References', '='),
    'Mailing list threads, PTG notes, related specs.',
    heading('History', '='),
    `.. list-table:: Revisions\n   :header-rows: 1\n\n   * - Release Name\n     - Description\n   * - ${release}\n     - Introduced`,
  ];
  return `${parts.join('\n\n')}\n`;
}

function toctree(entries: readonly string[], glob = false): string {
  return ['.. toctree::', ...(glob ? ['   :glob:'] : []), '   :maxdepth: 1', '', ...entries.map((e) => `   ${e}`)].join('\n');
}

/** `specs/<release>/index.rst`. */
export function releaseIndexRst(release: string): string {
  return [
    title(`Aurora ${release} Specifications`),
    'Template:',
    toctree([`Specification template (${release} release) <../${release}-template>`]),
    'Approved (but not implemented) specs:',
    toctree(['approved/*'], true),
    'Implemented specs:',
    toctree(['implemented/*'], true),
  ].join('\n\n') + '\n';
}

/** `doc/source/index.rst`, listing the releases opened so far (newest first). */
export function docIndexRst(releases: readonly string[]): string {
  return [
    '.. aurora-specs documentation master file',
    title('Aurora Project Specifications'),
    heading('Specifications', '='),
    'The specs, and the spec template, of each release:',
    toctree([...releases].reverse().map((r) => `specs/${r}/index`)),
    'Approved specs that are looking for an owner:',
    toctree(['specs/backlog/index']),
    'Specs nobody is working on any more:',
    toctree(['specs/abandoned/index']),
    heading('Process', '='),
    toctree(['How to submit a spec <readme>']),
  ].join('\n\n') + '\n';
}

export function backlogIndexRst(): string {
  return [title('Backlog Specifications'), 'Approved ideas without a release or an owner:', toctree(['approved/*', '*'], true)].join('\n\n') + '\n';
}

export function abandonedIndexRst(): string {
  return [title('Abandoned Specifications'), 'Specs that were approved once and are no longer pursued:', toctree(['*'], true)].join('\n\n') + '\n';
}

export function readmeRst(): string {
  return [
    title('Aurora Specifications'),
    'This repository holds the design specifications of Aurora. Specs are reviewed',
    'in Gerrit, like code, in the aurora/specs project.',
    'The layout is::',
    '    specs/<release>/approved/      approved for that release\n    specs/<release>/implemented/   implemented in that release\n    specs/backlog/                 approved, no release yet\n    specs/abandoned/               no longer pursued',
    'Copy ``specs/<release>-template.rst`` to start a proposal. A spec not\nimplemented in its release is re-proposed for the next one.',
  ].join('\n\n') + '\n';
}

export const GITREVIEW = '[gerrit]\nhost=review.aurora.example\nport=29418\nproject=aurora/specs.git\n';
