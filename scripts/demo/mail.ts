/**
 * The demo community's mailing lists, as raw RFC 5322 messages: aurora-discuss (2,500 messages,
 * users and operators), aurora-dev (1,500) and aurora-announce (150, moderated), from 2023-11-01
 * to 2026-10-31 like the code reviews. Posters are the demo's code reviewers (same names, addresses
 * at their organisations' `.example` domains) and a few operators seen only on the lists. Threads
 * have roots and replies with In-Reply-To/References, quotes under "On … wrote:" lines, Outlook
 * originals, signatures after `-- `, HTML alternatives and, on aurora-discuss's first months
 * (imported from a subscriber's mailbox), the list footer. The hard cases are in mail-cases.ts.
 *
 * Deterministic: the same seed gives the same bytes. The archive formats (mbox, pipermail `.txt`,
 * HyperKitty export) are in mail-archive.ts; the simulator serves them (scripts/simulator/mail.ts).
 */
import { DAY, parseDay, releasesBetween, sampleCreationTimes, type Release } from './calendar.ts';
import { PROJECTS, PROJECT_WEIGHTS, buildCommunity, coresAt, pickPerson, type Community, type Person, type ProjectName } from './community.ts';
import { archiveMonth, mbox, pipermailText, type ArchiveOptions, type ArchivedMessage } from './mail-archive.ts';
import { buildCases, type Built } from './mail-cases.ts';
import { renderPost, replyBody, replyTo, signed, type MailCase, type MailListRef, type Post } from './mail-compose.ts';
import { MAIL_DOMAIN, messageIdFor, operators, posterOf, type Poster } from './mail-post.ts';
import { readFacts } from './mail-read.ts';
import { replyText, rootBody, subjectFor, wrap, type Fill, type ListKind } from './mail-text.ts';
import { Rng } from './prng.ts';

export { MAIL_CASES, type MailCase } from './mail-compose.ts';
export { ATTACHMENTS, XSS_MARKERS } from './mail-cases.ts';
export { MAIL_DOMAIN } from './mail-post.ts';
export { archiveMonth, hyperkittyExport, mbox, pipermailVolume, type ArchivedMessage } from './mail-archive.ts';
export { scaledMbox } from './mail-scaled.ts';

export interface MailListInfo extends MailListRef {
  kind: ListKind;
  /** Messages in the list over the demo's period. */
  size: number;
}

export const MAIL_LISTS: readonly MailListInfo[] = [
  { name: 'aurora-discuss', kind: 'discuss', size: 2500, displayName: 'Aurora-discuss', description: 'Aurora users and operators: questions, upgrades and general discussion', subjectPrefix: '', footer: 'mailman3' },
  { name: 'aurora-dev', kind: 'dev', size: 1500, displayName: 'Aurora-dev', description: 'Aurora development: designs, reviews and release planning', subjectPrefix: '[aurora-dev] ', footer: 'mailman2' },
  { name: 'aurora-announce', kind: 'announce', size: 150, displayName: 'Aurora-announce', description: 'Aurora announcements: releases and security advisories (moderated)', subjectPrefix: '[Aurora-announce] ', footer: 'mailman2' },
];

export interface DemoMessage extends ArchivedMessage {
  list: string;
  /** `YYYY-MM` of the archive volume (see mail-archive.ts). */
  month: string;
  /** Without `<>`; undefined for the message that has none. */
  messageId: string | undefined;
  /** Decoded, with the list prefix. */
  subject: string;
  /** The poster's display name. */
  from: string;
  cases: readonly MailCase[];
}

export interface DemoMailList extends MailListInfo {
  /** `aurora-dev@lists.aurora.example`. */
  address: string;
  /** Unix seconds the list was created (HyperKitty's `created_at`). */
  createdAt: number;
  /** In the order the list archived them. */
  messages: DemoMessage[];
}

export interface DemoMailOptions {
  seed?: string;
  /** YYYY-MM-DD (UTC), as the code-review demo. */
  start?: string;
  end?: string;
}

/** Thread sizes: many short threads, a few long ones. */
function threadSize(rng: Rng, kind: ListKind): number {
  if (kind === 'announce') return rng.chance(0.88) ? 1 : rng.int(2, 3);
  const r = rng.next();
  return r < 0.25 ? 1 : r < 0.7 ? rng.int(2, 4) : r < 0.92 ? rng.int(5, 9) : rng.int(10, 24);
}

interface World {
  seed: string;
  community: Community;
  posters: Map<Person, Poster>;
  ops: Poster[];
  releases: Release[];
  end: number;
}

function fillFor(w: World, rng: Rng, project: ProjectName, at: number): Fill {
  const next = w.releases.find((r) => r.at > at)?.name ?? 'next';
  const prev = [...w.releases].reverse().find((r) => r.at <= at)?.name ?? 'the previous release';
  const person = w.posters.get(pickPerson(rng, w.community, project, at))!.name;
  return { project, release: next, prev, person };
}

function rootPoster(w: World, rng: Rng, kind: ListKind, project: ProjectName, at: number): Poster {
  if (kind === 'discuss' && rng.chance(0.3)) return rng.pick(w.ops);
  if (kind === 'announce') {
    const cores = coresAt(w.community, 'aurora/docs', at);
    if (cores.length) return w.posters.get(rng.pick(cores))!;
  }
  return w.posters.get(pickPerson(rng, w.community, project, at))!;
}

function releaseText(r: Release, poster: Poster): string {
  const lines = [
    'Hello everyone,',
    wrap(`The Aurora community is proud to announce the release of Aurora ${r.name}. It is the result of six months of work by contributors from more than a dozen organisations.`),
    `Highlights:\n\n- compute: faster scheduling on large clouds\n- network: OVN is now the default backend\n- dashboard: the last Angular panels are gone\n- docs: a new upgrade guide`,
    `Release notes: https://releases.aurora.example/${r.name}/\nDownloads: https://tarballs.aurora.example/${r.name}/`,
    `Thanks to everyone who contributed,\n${poster.first}, for the release team`,
  ];
  return lines.join('\n\n');
}

function listPosts(w: World, info: MailListInfo, target: number, start: number): Post[] {
  const rng = new Rng(`${w.seed}/mail/${info.name}`);
  const ids = new Rng(`${w.seed}/mail/${info.name}/ids`);
  const sizes: number[] = [];
  for (let sum = 0; sum < target; ) {
    const s = Math.min(threadSize(rng, info.kind), target - sum);
    sizes.push(s);
    sum += s;
  }
  const releaseRoots = info.kind === 'announce' ? w.releases.filter((r) => r.at >= start && r.at <= w.end).map((r) => ({ at: r.at + 14 * 3600 + 120, release: r })) : [];
  const sampled = sampleCreationTimes(new Rng(`${w.seed}/mail/${info.name}/times`), sizes.length - releaseRoots.length, start, w.end - DAY);
  const roots = [...releaseRoots, ...[...sampled].map((at) => ({ at, release: undefined as Release | undefined }))].sort((a, b) => a.at - b.at);
  const posts: Post[] = [];
  roots.forEach((root, i) => {
    const tr = new Rng(`${w.seed}/mail/${info.name}#${i}`);
    const project = PROJECTS[tr.weighted(PROJECTS.map((p) => PROJECT_WEIGHTS[p]))] as ProjectName;
    const f = fillFor(w, tr, project, root.at);
    const poster = rootPoster(w, tr, info.kind, project, root.at);
    const cases: MailCase[] = [];
    const subject = root.release ? `Aurora ${root.release.name} released` : subjectFor(tr, info.kind, f);
    const text = signed(poster, root.release ? releaseText(root.release, poster) : rootBody(tr, info.kind, f, poster.first), cases);
    const delay = info.kind === 'announce' ? tr.int(600, 6 * 3600) : tr.int(3, 120);
    const first: Post = { list: info, poster, at: Math.floor(root.at), archivedAt: Math.floor(root.at) + delay, subject: `${info.subjectPrefix}${subject}`, messageId: messageIdFor(ids, poster, root.at), references: [], text, cases };
    const thread = [first];
    for (let k = 1; k < sizes[i]!; k++) {
      const r = tr.next();
      const parent = r < 0.6 ? thread[thread.length - 1]! : r < 0.85 ? first : tr.pick(thread);
      let replier = parent.poster;
      for (let tries = 0; tries < 6 && replier === parent.poster; tries++) {
        replier = info.kind === 'discuss' && tr.chance(0.25) ? tr.pick(w.ops) : tr.chance(0.2) ? first.poster : w.posters.get(pickPerson(tr, w.community, project, parent.at))!;
      }
      const at = Math.floor(parent.at + Math.max(120, Math.min(tr.logNormal(4 * 3600, 1.3), (w.end - parent.at) * tr.next())));
      const body = replyBody(tr, { parent, poster: replier, at, paras: replyText(tr, { ...f, person: parent.poster.first }) });
      thread.push(replyTo(parent, { poster: replier, at, archivedAt: at + tr.int(3, 120), messageId: messageIdFor(ids, replier, at), text: body.text, cases: body.cases }));
    }
    posts.push(...thread);
  });
  // aurora-discuss's first months were imported from a subscriber's mailbox: the footer is on them.
  const imported = Date.UTC(2024, 2, 1) / 1000;
  if (info.kind === 'discuss') for (const p of posts) if (p.archivedAt < imported) p.withFooter = true;
  return posts;
}

function toDemo(b: Built): DemoMessage {
  const facts = readFacts(b.raw);
  const msg = { raw: b.raw, archivedAt: b.archivedAt };
  return { ...msg, list: b.list, month: archiveMonth(msg), messageId: facts.messageId, subject: b.post.subject, from: b.post.poster.name, cases: [...new Set(b.post.cases)] };
}

/** The three demo lists, every message rendered. Pure: the same options give the same bytes. */
export function generateMail(options: DemoMailOptions = {}): DemoMailList[] {
  const seed = options.seed ?? 'agora-demo';
  const start = parseDay(options.start ?? '2023-11-01');
  const end = parseDay(options.end ?? '2026-10-31') + DAY - 1;
  const community = buildCommunity(seed, start, end);
  const posters = new Map(community.people.map((p) => [p, posterOf(seed, p)]));
  const ops = operators(seed);
  const w: World = { seed, community, posters, ops, releases: releasesBetween(start, end), end };
  const byName = new Map([...posters.values(), ...ops].map((p) => [p.name, p]));
  const caseIds = new Rng(`${seed}/mail/case-ids`);
  const cases = buildCases({
    rng: new Rng(`${seed}/mail/cases`),
    list: (name) => MAIL_LISTS.find((l) => l.name === name)!,
    poster: (name) => {
      const p = byName.get(name);
      if (!p) throw new Error(`demo mail: no poster named ${name}`);
      return p;
    },
    id: (p, at) => messageIdFor(caseIds, p, at),
  });
  return MAIL_LISTS.map((info) => {
    const own = cases.filter((c) => c.list === info.name);
    const built: Built[] = listPosts(w, info, info.size - own.length, start).map((post) => ({ list: info.name, archivedAt: post.archivedAt, raw: renderPost(post), post }));
    const messages = [...built, ...own].map(toDemo).sort((a, b) => a.archivedAt - b.archivedAt || (a.messageId ?? '').localeCompare(b.messageId ?? ''));
    return { ...info, address: `${info.name}@${MAIL_DOMAIN}`, createdAt: start - 14 * DAY + 33_164, messages };
  });
}

/** A list's messages by archive month, months in order. */
export function messagesByMonth(list: Pick<DemoMailList, 'messages'>): Map<string, DemoMessage[]> {
  const out = new Map<string, DemoMessage[]>();
  for (const m of [...list.messages].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))) {
    const month = out.get(m.month) ?? [];
    month.push(m);
    out.set(m.month, month);
  }
  return out;
}

/** One month of a list as an mboxrd file. */
export function mboxMonth(list: Pick<DemoMailList, 'messages'>, month: string): Buffer {
  return mbox(list.messages.filter((m) => m.month === month));
}

/** Every month of a list as mboxrd files, by `YYYY-MM`. */
export function mboxMonths(list: Pick<DemoMailList, 'messages'>): Map<string, Buffer> {
  return new Map([...messagesByMonth(list)].map(([month, messages]) => [month, mbox(messages)]));
}

/** One month of a list as Mailman 2 pipermail's `YYYY-Month.txt`. */
export function pipermailMonthText(list: Pick<DemoMailList, 'name' | 'messages'>, month: string, options: ArchiveOptions = {}): Buffer {
  return pipermailText(list.name, list.messages.filter((m) => m.month === month), options);
}
