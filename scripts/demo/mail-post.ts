/**
 * Who posts to the demo lists and the headers a message carries when the list archives it: the
 * client's (Date, From, Subject, Message-ID, threading, User-Agent) and the list server's
 * (Received, List-Id, List-Archive, List-Post, Precedence). Community people post with their
 * code-review name at their organisation's domain; a few operators only ever post to the lists.
 */
import type { Person } from './community.ts';
import { displayName, encodeWords, foldHeader, isAscii, rfc5322Date, type Header } from './mail-mime.ts';
import type { Client } from './mail-text.ts';
import { Rng } from './prng.ts';

export const MAIL_DOMAIN = 'lists.aurora.example';

export interface Poster {
  name: string;
  first: string;
  address: string;
  org: string;
  /** Minutes east of UTC. */
  tz: number;
  client: Client;
  signature: string | undefined;
}

/** People seen only on the lists (operators, users), at domains that are not in the affiliations. */
const OPERATORS: readonly [string, string, string, number][] = [
  ['Gustavo Reyes', 'Stellar Hosting', 'stellarhosting.example', -180],
  ['Hamid Farouk', 'Polaris University', 'polaris-university.example', 60],
  ['Katarina Horvat', 'Vantage Telco', 'vantage-telco.example', 60],
  ["Liam O'Brien", 'Stellar Hosting', 'stellarhosting.example', 0],
  ['Mariana Costa', 'Ribeira Cloud', 'ribeira-cloud.example', 0],
  ['Ngozi Eze', 'Vantage Telco', 'vantage-telco.example', 60],
  ['Pieter de Vries', 'Polder Research', 'polder-research.example', 60],
  ['Rania Saleh', 'Ribeira Cloud', 'ribeira-cloud.example', 120],
  ['Sven Eriksson', 'Norrsken IT', 'norrsken-it.example', 60],
  ['Tuan Nguyen', 'Stellar Hosting', 'stellarhosting.example', 420],
  ['Dr. Ursula Becker', 'Polaris University', 'polaris-university.example', 60],
  ['Yaw Boateng', 'Norrsken IT', 'norrsken-it.example', 0],
  ['Camille Laurent', 'Polder Research', 'polder-research.example', 60],
  ['Dmitri Volkov', 'Vantage Telco', 'vantage-telco.example', 180],
];

const CLIENTS: readonly Client[] = ['thunderbird', 'gmail', 'mutt', 'outlook', 'apple'];
const CLIENT_WEIGHTS = [30, 30, 12, 15, 13];

function local(name: string): string {
  if (name === '李雷') return 'li.lei';
  return name.replace(/Ł/g, 'L').replace(/ł/g, 'l').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/^dr\. /, '').replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '');
}

function makePoster(seed: string, name: string, org: string, address: string, tz: number): Poster {
  const rng = new Rng(`${seed}/poster/${name}`);
  const client = CLIENTS[rng.weighted(CLIENT_WEIGHTS)]!;
  const first = name.replace(/^Dr\. /, '').split(' ')[0]!;
  const signature = rng.chance(0.45) ? (rng.chance(0.5) ? `${name}\n${org}` : `${name} | ${org}\nIRC: ${local(name).split('.')[0]}`) : undefined;
  return { name, first, address, org, tz, client, signature };
}

/** A community member as a poster: same name; the address at their organisation, or a mailbox provider for independents. */
export function posterOf(seed: string, person: Person): Poster {
  const email = person.account.email ?? '';
  const address = email.endsWith('.example') ? email : `${local(person.account.name ?? 'someone')}@inbox.example`;
  return makePoster(seed, person.account.name ?? 'Someone', person.org.name, address, person.org.tz);
}

export function operators(seed: string): Poster[] {
  return OPERATORS.map(([name, org, domain, tz]) => makePoster(seed, name, org, `${local(name)}@${domain}`, tz));
}

function domainOf(address: string): string {
  return address.slice(address.indexOf('@') + 1);
}

/** A Message-ID in the style of the poster's client (without `<>`). */
export function messageIdFor(rng: Rng, poster: Poster, at: number): string {
  const d = domainOf(poster.address);
  switch (poster.client) {
    case 'gmail':
      return `CA${rng.hex(6).toUpperCase()}+${Buffer.from(rng.hex(30), 'hex').toString('base64').replace(/[/=]/g, '')}@mail.${d}`;
    case 'mutt':
      return `${new Date(at * 1000).toISOString().replace(/\D/g, '').slice(0, 14)}.GA${rng.int(1000, 99999)}@${rng.pick(['laptop', 'ws', 'devbox'])}.${d}`;
    case 'outlook':
      return `${rng.hex(4).toUpperCase()}PR0${rng.int(1, 9)}MB${rng.int(1000, 9999)}${rng.hex(10).toUpperCase()}@mail.outlook.${d}`;
    case 'apple':
      return `${[8, 4, 4, 4, 12].map((n) => rng.hex(n).toUpperCase()).join('-')}@${d}`;
    default:
      return `${[8, 4, 4, 4, 12].map((n) => rng.hex(n)).join('-')}@${d}`;
  }
}

const USER_AGENTS: Record<Client, [string, string] | undefined> = {
  thunderbird: ['User-Agent', 'Mozilla Thunderbird'],
  mutt: ['User-Agent', 'Mutt/2.2.12 (2023-09-09)'],
  gmail: undefined,
  outlook: ['X-Mailer', 'Microsoft Outlook 16.0'],
  apple: ['X-Mailer', 'Apple Mail (2.3774.500.171.1.1)'],
};

export interface ListRef {
  name: string;
  displayName: string;
  description: string;
}

export interface PostHeaders {
  list: ListRef;
  poster: Poster;
  at: number;
  archivedAt: number;
  /** Decoded, with the list prefix; encoded here when not ASCII. */
  subject: string;
  messageId: string | undefined;
  inReplyTo?: string | undefined;
  references?: readonly string[] | undefined;
  /** Replace the Date value (`null`: no Date header at all). */
  date?: string | null;
  /** Replace the From / Subject values as written (encoded words in a legacy charset, raw 8-bit bytes). */
  from?: string | Buffer;
  subjectRaw?: string | Buffer;
  relay?: number;
}

/** References as clients trim them: the first id and the last nine. */
export function referencesOf(parentRefs: readonly string[], parentId: string): string[] {
  const all = [...parentRefs, parentId];
  return all.length > 10 ? [all[0]!, ...all.slice(-9)] : all;
}

/** The header block of a message as the list archived it, in the order a relay and a client write it. */
export function postHeaders(h: PostHeaders): Header[] {
  const domain = domainOf(h.poster.address);
  const relay = h.relay ?? 17;
  const received = `from mail.${domain} (mail.${domain} [192.0.2.${relay}])\n\tby ${MAIL_DOMAIN} (Postfix) with ESMTPS id 4T${Buffer.from(h.poster.address + h.at).toString('hex').slice(0, 9).toUpperCase()}\n\tfor <${h.list.name}@${MAIL_DOMAIN}>; ${rfc5322Date(h.archivedAt - 1, 0)} (UTC)`;
  const headers: Header[] = [['Received', received]];
  if (h.date !== null) headers.push(['Date', h.date ?? rfc5322Date(h.at, h.poster.tz)]);
  headers.push(['From', h.from ?? `${displayName(h.poster.name)} <${h.poster.address}>`]);
  headers.push(['To', `${h.list.name}@${MAIL_DOMAIN}`]);
  headers.push(['Subject', h.subjectRaw ?? (isAscii(h.subject) ? h.subject : foldHeader('Subject', encodeWords(h.subject, 'utf-8', 'Q')).slice('Subject: '.length))]);
  if (h.messageId) headers.push(['Message-ID', `<${h.messageId}>`]);
  if (h.inReplyTo) headers.push(['In-Reply-To', `<${h.inReplyTo}>`]);
  if (h.references?.length) headers.push(['References', foldHeader('References', h.references.map((r) => `<${r}>`).join(' ')).slice('References: '.length)]);
  const ua = USER_AGENTS[h.poster.client];
  if (ua) headers.push(ua);
  headers.push(['List-Id', `${h.list.description.split(':')[0]} <${h.list.name}.${MAIL_DOMAIN}>`]);
  headers.push(['List-Archive', `<http://${MAIL_DOMAIN}/pipermail/${h.list.name}/>`]);
  headers.push(['List-Post', `<mailto:${h.list.name}@${MAIL_DOMAIN}>`]);
  headers.push(['Precedence', 'list']);
  return headers;
}
