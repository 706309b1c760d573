/**
 * An mbox of any size for benchmarks (100k messages and more), produced lazily in chunks of whole
 * messages so memory stays flat: demo posters, threads that reply to recent roots (In-Reply-To,
 * References, quotes), and a share of the shapes that cost a parser time (quoted-printable, HTML
 * alternatives, latin1 bodies, encoded names, `>From ` quoting). Messages are written from string
 * templates rather than through the MIME builder, which would dominate the run time.
 */
import { DAY, parseDay } from './calendar.ts';
import { buildCommunity } from './community.ts';
import { asctime, displayName, encodeText, quotedPrintable, rfc5322Date } from './mail-mime.ts';
import { MAIL_DOMAIN, operators, posterOf, type Poster } from './mail-post.ts';
import { replyText, rootBody, subjectFor, type ListKind } from './mail-text.ts';
import { Rng } from './prng.ts';

export interface ScaledMailOptions {
  /** Messages per yielded chunk (1,000). */
  chunkMessages?: number;
  start?: string;
  end?: string;
  list?: string;
}

interface Open {
  id: string;
  subject: string;
  refs: string[];
  poster: Poster;
  at: number;
  text: string;
}

const SPARE = ['From the logs it looks like the retry happened on another host.', 'Nothing in the release notes mentions this change.', 'I will try again with debug logging enabled.'];

/** `n` messages as mboxrd chunks (Buffers of whole messages). Deterministic for a seed. */
export function* scaledMbox(n: number, seed = 'agora-bench', options: ScaledMailOptions = {}): Generator<Buffer> {
  const start = parseDay(options.start ?? '2023-11-01');
  const end = parseDay(options.end ?? '2026-10-31') + DAY - 1;
  const list = options.list ?? 'aurora-discuss';
  const chunkMessages = options.chunkMessages ?? 1000;
  const community = buildCommunity(seed, start, end);
  const posters = [...community.people.map((p) => posterOf(seed, p)), ...operators(seed)];
  const rng = new Rng(`${seed}/scaled-mail`);
  const projects = ['aurora/compute', 'aurora/network', 'aurora/dashboard', 'aurora/docs'] as const;
  const fills = projects.map((project) => ({ project, release: '2025.2', prev: '2025.1', person: 'Maya' }));
  const subjects = Array.from({ length: 400 }, (_, i) => subjectFor(rng, (['discuss', 'dev'] as ListKind[])[i % 2]!, fills[i % 4]!));
  const bodies = Array.from({ length: 300 }, (_, i) => rootBody(rng, 'discuss', fills[i % 4]!, 'Thanks'));
  const replies = Array.from({ length: 300 }, (_, i) => replyText(rng, fills[i % 4]!).join('\n\n'));
  const from = new Map(posters.map((p) => [p, `${displayName(p.name)} <${p.address}>`]));
  const open: Open[] = [];
  let chunk: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const at = Math.floor(start + ((end - start) * (i + rng.next())) / n);
    const poster = posters[Math.floor(rng.next() ** 2 * posters.length)]!;
    const parent = open.length && rng.chance(0.7) ? open[rng.int(Math.max(0, open.length - 40), open.length - 1)] : undefined;
    const id = `${i.toString(36)}.${rng.hex(10)}@${poster.address.slice(poster.address.indexOf('@') + 1)}`;
    const subject = parent ? (parent.subject.startsWith('Re: ') ? parent.subject : `Re: ${parent.subject}`) : rng.pick(subjects);
    let text = parent
      ? `On ${rfc5322Date(parent.at, 0)}, ${parent.poster.name} wrote:\n${parent.text.split('\n').slice(0, 8).map((l) => `> ${l}`).join('\n')}\n\n${rng.pick(replies)}\n\n${poster.first}`
      : rng.pick(bodies);
    if (rng.chance(0.02)) text += `\n\n${rng.pick(SPARE)}`;
    if (poster.signature) text += `\n\n-- \n${poster.signature}`;
    const refs = parent ? [...parent.refs.slice(-9), parent.id] : [];
    const v = rng.next();
    const latin1 = v < 0.02 && /^[\x00-\xff]*$/.test(text);
    const qp = !latin1 && v < 0.08;
    const html = !latin1 && !qp && v < 0.2;
    const head = [
      `From ${poster.address} ${asctime(at + 30)}`,
      `Date: ${rfc5322Date(at, poster.tz)}`,
      `From: ${from.get(poster)}`,
      `To: ${list}@${MAIL_DOMAIN}`,
      `Subject: ${subject}`,
      `Message-ID: <${id}>`,
      ...(parent ? [`In-Reply-To: <${parent.id}>`, `References: ${refs.map((r) => `<${r}>`).join('\n ')}`] : []),
      `List-Id: <${list}.${MAIL_DOMAIN}>`,
      'MIME-Version: 1.0',
    ];
    const quotedFrom = (s: string) => s.replace(/^(>*From )/gm, '>$1');
    let body: Buffer;
    if (latin1) body = Buffer.concat([Buffer.from(`${head.join('\n')}\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n`), encodeText(`${quotedFrom(text)}\n\n`, 'iso-8859-1')]);
    else if (qp) body = Buffer.from(`${head.join('\n')}\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n${quotedFrom(quotedPrintable(Buffer.from(text)))}\n\n`);
    else if (html) {
      const b = `00000000${rng.hex(16)}`;
      const markup = `<div dir="ltr">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>\n')}</div>`;
      body = Buffer.from(`${head.join('\n')}\nContent-Type: multipart/alternative; boundary="${b}"\n\n--${b}\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n\n${quotedFrom(text)}\n\n--${b}\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n${quotedFrom(quotedPrintable(Buffer.from(markup)))}\n\n--${b}--\n\n`);
    } else body = Buffer.from(`${head.join('\n')}\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n${quotedFrom(text)}\n\n`);
    chunk.push(body);
    if (!parent) {
      open.push({ id, subject, refs, poster, at, text: text.split('\n-- \n')[0]! });
      if (open.length > 200) open.shift();
    }
    if (chunk.length >= chunkMessages) {
      yield Buffer.concat(chunk);
      chunk = [];
    }
  }
  if (chunk.length) yield Buffer.concat(chunk);
}
