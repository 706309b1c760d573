/**
 * What the demo's mail says: subjects and paragraphs for each list, replies, signatures, and the
 * conventions of mail clients (attribution lines, `>` quoting, Outlook's top-posted original,
 * Gmail's wrapped attribution, HTML alternatives). Pure functions of an Rng.
 */
import type { ProjectName } from './community.ts';
import { vocabulary } from './phrases.ts';
import type { Rng } from './prng.ts';

export type Client = 'thunderbird' | 'mutt' | 'gmail' | 'outlook' | 'apple';
export type ListKind = 'discuss' | 'dev' | 'announce';

export interface Fill {
  project: ProjectName;
  release: string;
  prev: string;
  /** First name of someone to mention (a nominee, the person replied to). */
  person: string;
}

const OPTIONS = ['cpu_allocation_ratio', 'max_concurrent_builds', 'dhcp_lease_duration', 'rpc_response_timeout', 'api_workers', 'session_timeout', 'enable_isolated_metadata', 'use_journal', 'heal_instance_info_cache_interval'];
const CITIES = ['Lisbon', 'Montreal', 'Bangalore', 'Berlin', 'Austin', 'Seoul', 'Nairobi', 'Oslo'];

const SUBJECTS: Record<ListKind, string[]> = {
  discuss: [
    '[{tag}] {thing} fails after upgrading to {release}', '[{tag}] How do you size {area} for a large cloud?', '[{tag}] Question about {option}',
    '[{tag}] {thing} is slow with thousands of instances', '[{tag}] Unexpected 500 from the {area} API', '[{tag}] Best practice for {thing}?',
    '[ops] {release} upgrade experiences', '[ops] Anyone running {tag} with more than 500 hypervisors?', '[all] Call for volunteers: {release} release notes',
    '[{tag}] Documentation for {area} is out of date', '[ops] Meetup in {city} next month', '[{tag}] {option} ignored in {release}?',
  ],
  dev: [
    '[{tag}] Proposal: rework {thing}', '[{tag}] RFC: deprecate {option} in {release}', '[{tag}] {release} PTG topics', '[{tag}] Weekly meeting agenda',
    '[{tag}][gate] {job} failing since this morning', '[{tag}] Spec review request: {thing}', '[release] {release} feature freeze in two weeks',
    '[{tag}] Core reviewer nomination: {person}', '[{tag}] Dropping Python 3.9 support in {release}', '[{tag}] Bug triage rotation',
    '[{tag}] Moving {area} to the new policy defaults', '[{tag}] Flaky test in {dir}',
  ],
  announce: [
    '[release] {release} milestone 2 is tagged', 'Aurora {release} PTG: registration is open', 'Technical committee election: nominations open',
    'Aurora Summit: call for presentations', '[{tag}] {prev}.3 stable point release', '[infra] Planned Gerrit downtime this weekend',
  ],
};

const OPENERS: Record<ListKind, string[]> = {
  discuss: [
    'We upgraded our staging region from {prev} to {release} last week and since then {thing} fails for roughly one request in ten.',
    'I am trying to understand how {option} interacts with the {area} quotas. The configuration reference only has one sentence about it.',
    'Our production cloud has about 900 compute hosts and {thing} has become the slowest step of every deployment.',
    'Since yesterday the {area} API returns a 500 for some projects but not for others, and the logs only show a generic traceback.',
    'We are planning the move to {release} and would like to hear from anyone who has done it on a cloud with a few hundred nodes.',
    'The page about {area} in the admin guide still describes the behaviour from two releases ago.',
  ],
  dev: [
    'The current {thing} code path has grown three different retry loops over the years, and none of them agree on what a timeout means.',
    'I would like to deprecate {option} in {release} and remove it one cycle later. Nothing in tree reads it since the refactor last year.',
    'Here is a first list of topics for the {release} PTG; please add yours before Friday so we can build the schedule.',
    '{job} has been failing on most changes since this morning. It looks like a mirror problem rather than a regression, but I have not confirmed it.',
    'The spec for {thing} is up for review. The main open question is whether we keep the old API behaviour behind a microversion.',
    'I would like to nominate {person} for the core reviewer team. Over the last two cycles their reviews have been thorough and consistently helpful.',
    'As discussed at the last meeting, we plan to drop Python 3.9 from the supported runtimes in {release}.',
  ],
  announce: [
    'The release team is happy to announce that milestone 2 of the {release} cycle has been tagged for all projects.',
    'Registration for the {release} Project Teams Gathering is now open. The event is virtual again and free for contributors.',
    'Nominations for the technical committee are open until the end of the month. Any contributor with a merged change in the last year can run.',
    'The call for presentations for the next Aurora Summit is open. We are looking for operator stories in particular.',
    'A stable point release of {project} is available for the {prev} series. It contains fixes for several issues reported by operators.',
    'Gerrit will be unavailable on Saturday between 14:00 and 18:00 UTC while the infrastructure team upgrades the database.',
  ],
};

const DETAILS: Record<ListKind, string[]> = {
  discuss: [
    'We run the services in containers, one per host, with a Galera cluster behind them.',
    'Setting {option} to a lower value made no visible difference.',
    'Has anyone seen this before, or is it worth opening a bug?',
    'The problem does not show up on our small test cloud, only in production.',
    'Rolling back is not really an option since the database migrations already ran.',
  ],
  dev: [
    'A patch series is up on Gerrit; the first change only adds tests for the current behaviour.',
    'This would also let us drop the compatibility shim in {dir}.',
    'Operators on the discuss list have asked for this twice already.',
    'If nobody objects by the next meeting I will send the deprecation patch.',
    'Please reply here or add comments on the etherpad.',
  ],
  announce: [
    'Release notes are published on the documentation site.',
    'Please report any problem on the bug tracker, not on this list.',
    'Thanks to everyone who helped make this happen.',
  ],
};

const REPLIES = [
  'We saw the same thing on {release}. It went away after restarting the conductor, but came back a few days later.',
  'I think this is a known issue with {thing}; there is a fix under review that should be backported.',
  'Could you share the full traceback and the value of {option}? It is hard to tell without them.',
  '+1 from me, this has been confusing operators for a long time.',
  'Thanks for raising this. I agree with the direction, but we should keep the old behaviour for one more cycle.',
  'That matches what we see in our deployment. Lowering the number of workers helped a bit.',
  'I am not sure this is the right place to fix it; the {area} code has the same problem.',
  'Good idea. I can help with the reviews if someone writes the patches.',
  'We discussed this at the meeting and there were no objections.',
  'This is now fixed on master, thanks everyone for testing.',
  'Sorry for the late reply, I was travelling. I will look at it this week.',
  'Works for me. Please add it to the etherpad so we do not forget.',
];
const GREETINGS = ['Hi all,', 'Hello everyone,', 'Hi,', 'Hey folks,', 'Hello,'];
const CLOSINGS = ['Thanks,', 'Cheers,', 'Any pointers appreciated.', 'Thoughts?', 'Thanks in advance,', 'Regards,'];
const CODE: Record<ProjectName, string[]> = {
  'aurora/compute': ['  File "aurora_compute/conductor/manager.py", line 1184, in build_instances', '    raise exception.MaxRetriesExceeded(reason=msg)', 'aurora_compute.exception.MaxRetriesExceeded: Exceeded maximum number of retries.'],
  'aurora/network': ['$ aurora network agent list --agent-type l3', '| 7b1c... | L3 agent | net-03 | :-) | UP |', '| 91fa... | L3 agent | net-04 | XXX | UP |'],
  'aurora/dashboard': ['Uncaught TypeError: Cannot read properties of undefined (reading "id")', '    at InstancesTable.render (instances.js:212)'],
  'aurora/docs': ['WARNING: undefined label: install-guide-prerequisites', 'build finished with problems, 1 warning.'],
};

export function tagOf(project: ProjectName): string {
  return project.split('/')[1]!;
}

function fill(rng: Rng, template: string, f: Fill): string {
  const v = vocabulary(f.project);
  return template
    .replace(/\{tag\}/g, tagOf(f.project))
    .replace(/\{thing\}/g, () => rng.pick(v.things))
    .replace(/\{area\}/g, () => rng.pick(v.areas))
    .replace(/\{option\}/g, () => rng.pick(OPTIONS))
    .replace(/\{dir\}/g, () => `${v.module}/${rng.pick(v.dirs)}`)
    .replace(/\{job\}/g, () => rng.pick(v.jobs))
    .replace(/\{release\}/g, f.release)
    .replace(/\{prev\}/g, f.prev)
    .replace(/\{project\}/g, `Aurora ${tagOf(f.project)[0]!.toUpperCase()}${tagOf(f.project).slice(1)}`)
    .replace(/\{person\}/g, f.person)
    .replace(/\{city\}/g, () => rng.pick(CITIES));
}

export function subjectFor(rng: Rng, kind: ListKind, f: Fill): string {
  return fill(rng, rng.pick(SUBJECTS[kind]), f);
}

/** Words wrapped at `width` columns (a word longer than that stays whole). */
export function wrap(text: string, width = 72): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n');
}

/** The body of a thread's first message, without signature. */
export function rootBody(rng: Rng, kind: ListKind, f: Fill, signOff: string): string {
  const paras = [rng.pick(GREETINGS), wrap(fill(rng, rng.pick(OPENERS[kind]), f))];
  if (rng.chance(0.75)) paras.push(wrap(`${fill(rng, rng.pick(DETAILS[kind]), f)} ${fill(rng, rng.pick(DETAILS[kind]), f)}`));
  if (kind !== 'announce' && rng.chance(0.3)) paras.push(CODE[f.project].join('\n'));
  if (rng.chance(0.4)) paras.push(wrap(fill(rng, rng.pick(DETAILS[kind]), f)));
  paras.push(`${rng.pick(CLOSINGS)}\n${signOff}`);
  return paras.join('\n\n');
}

/** What a reply adds (one or two paragraphs). */
export function replyText(rng: Rng, f: Fill): string[] {
  const paras = [wrap(fill(rng, rng.pick(REPLIES), f))];
  if (rng.chance(0.45)) paras.push(wrap(fill(rng, rng.pick(REPLIES), f)));
  return paras;
}

export const MAILMAN2_FOOTER = (list: string, domain: string): string =>
  `_______________________________________________\n${list} mailing list\n${list}@${domain}\nhttp://${domain}/cgi-bin/mailman/listinfo/${list}`;
export const MAILMAN3_FOOTER = (list: string, domain: string): string =>
  `_______________________________________________\n${list} mailing list -- ${list}@${domain}\nTo unsubscribe send an email to ${list}-leave@${domain}`;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Quoted {
  name: string;
  address: string;
  /** Unix seconds, and the replier's zone (minutes east) to show it in. */
  at: number;
  tz: number;
  text: string;
  subject: string;
}

/** The line a client writes above a quote. Gmail's is long and wraps, its second line starting with `>`. */
export function attribution(client: Client, q: Quoted): string {
  const d = new Date((q.at + q.tz * 60) * 1000);
  const hh = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const [day, mon, dom, year] = [DAYS[d.getUTCDay()]!, MONTHS[d.getUTCMonth()]!, d.getUTCDate(), d.getUTCFullYear()];
  switch (client) {
    case 'gmail': {
      // Gmail's plain text breaks a long attribution inside the address: `<user@host` / `> wrote:`.
      const head = `On ${day}, ${mon} ${dom}, ${year} at ${hh % 12 || 12}:${mm} ${hh < 12 ? 'AM' : 'PM'} ${q.name} <${q.address}`;
      return head.length + 8 <= 76 ? `${head}> wrote:` : `${head}\n> wrote:`;
    }
    case 'mutt':
      return `On ${day}, ${mon} ${String(dom).padStart(2, '0')}, ${year} at ${String(hh % 12 || 12).padStart(2, '0')}:${mm}:${String(d.getUTCSeconds()).padStart(2, '0')}${hh < 12 ? 'AM' : 'PM'}, ${q.name} wrote:`;
    case 'apple':
      return `On ${dom} ${mon} ${year}, at ${String(hh).padStart(2, '0')}:${mm}, ${q.name} <${q.address}> wrote:`;
    default:
      return `On ${String(dom).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${year} ${String(hh).padStart(2, '0')}:${mm}, ${q.name} wrote:`;
  }
}

/** The parent's text as quoted: signature cut unless `keepAll`, at most `maxLines` lines, `>` added. */
export function quote(text: string, keepAll: boolean, maxLines = 14): string {
  let lines = text.split('\n');
  if (!keepAll) {
    const sig = lines.indexOf('-- ');
    if (sig >= 0) lines = lines.slice(0, sig);
    lines = lines.filter((l) => !/^>>>/.test(l));
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    if (lines.length > maxLines) lines = [...lines.slice(0, maxLines), '[...]'];
  }
  return lines.map((l) => (l === '' ? '>' : l.startsWith('>') ? `>${l}` : `> ${l}`)).join('\n');
}

/** Outlook's top-posted original: its header block, then the text unquoted. */
export function outlookOriginal(q: Quoted, to: string): string {
  const d = new Date((q.at + q.tz * 60) * 1000);
  const sent = `${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()]}, ${d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${d.getUTCHours() % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
  const body = q.text.split('\n-- \n')[0]!;
  return `-----Original Message-----\nFrom: ${q.name} [mailto:${q.address}]\nSent: ${sent}\nTo: ${to}\nSubject: ${q.subject}\n\n${body}`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The HTML alternative a webmail client sends with the text: paragraphs, `>` runs as blockquotes. */
export function htmlAlternative(text: string): string {
  const out: string[] = ['<div dir="ltr">'];
  let depth = 0;
  for (const line of text.split('\n')) {
    const d = /^(>+)/.exec(line.replace(/ /g, ''))?.[1]?.length ?? 0;
    while (depth < d) {
      out.push('<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">');
      depth++;
    }
    while (depth > d) {
      out.push('</blockquote>');
      depth--;
    }
    const content = line.replace(/^(?:> ?)+/, '');
    out.push(content === '' ? '<br>' : `${escapeHtml(content)}<br>`);
  }
  while (depth-- > 0) out.push('</blockquote>');
  out.push('</div>');
  return out.join('\n');
}
