/**
 * The fixed hard cases of the demo lists, at fixed dates so tests find them whatever the seed:
 * legacy charsets in bodies and headers, quoted-printable and base64, hostile HTML-only mail,
 * attachments, a PGP/MIME signature, lost References, missing Date and Message-ID, a two-digit
 * year, a Date 41 days off, `From ` lines in a body, obfuscated addresses, spam and a CRLF message.
 * The strings the escaping tests look for are exported.
 */
import { attachmentPart, base64Lines, encodeText, encodeWords, multipart, renderMessage, rfc5322Date, textPart, type Charset, type Header, type MimeNode } from './mail-mime.ts';
import { postHeaders, type Poster } from './mail-post.ts';
import { replyBody, replyTo, renderPost, type MailCase, type MailListRef, type Post } from './mail-compose.ts';
import type { Rng } from './prng.ts';

/** In the HTML-only message: a script, an onerror handler and a javascript: link. */
export const XSS_MARKERS = ["alert('xss-in-mail')", "alert('onerror-in-mail')", 'javascript:alert(document.cookie)'] as const;
export const ATTACHMENTS = [
  { name: 'quota-report.pdf', type: 'application/pdf', size: 12345 },
  { name: 'topology.png', type: 'image/png', size: 4242 },
  { name: 'fix-retry-loop.patch', type: 'text/x-diff', size: 611 },
] as const;

export interface Built {
  list: string;
  archivedAt: number;
  raw: Buffer;
  post: Post;
}

export interface CaseContext {
  rng: Rng;
  list(name: string): MailListRef;
  poster(name: string): Poster;
  id(poster: Poster, at: number): string;
}

const t = (iso: string) => Date.parse(iso) / 1000;

function post(ctx: CaseContext, list: string, who: string, iso: string, subject: string, text: string, cases: MailCase[], delay = 37): Post {
  const poster = ctx.poster(who);
  const at = t(iso);
  const l = ctx.list(list);
  return { list: l, poster, at, archivedAt: at + delay, subject: `${l.subjectPrefix}${subject}`, messageId: ctx.id(poster, at), references: [], text, cases };
}

/** A post whose body is `node` and whose headers may be overridden. */
function custom(p: Post, node: MimeNode, over: { from?: string | Buffer; subjectRaw?: string | Buffer; date?: string | null; messageId?: null; extra?: Header[] } = {}): Built {
  const { messageId, extra, ...rest } = over;
  const headers = postHeaders({ list: p.list, poster: p.poster, at: p.at, archivedAt: p.archivedAt, subject: p.subject, messageId: messageId === null ? undefined : p.messageId, inReplyTo: p.inReplyTo, references: p.references, ...rest });
  return { list: p.list.name, archivedAt: p.archivedAt, raw: renderMessage([...headers, ...(extra ?? [])], node), post: p };
}

function plain(p: Post): Built {
  return { list: p.list.name, archivedAt: p.archivedAt, raw: renderPost(p), post: p };
}

function reply(ctx: CaseContext, parent: Post, who: string, iso: string, paras: string[]): Post {
  const poster = ctx.poster(who);
  const at = t(iso);
  const body = replyBody(ctx.rng, { parent, poster, at, paras });
  return replyTo(parent, { poster, at, archivedAt: at + 52, messageId: ctx.id(poster, at), text: body.text, cases: body.cases });
}

/** A text post in a legacy charset: body bytes, From name and Subject all in it. */
function legacy(p: Post, charset: Charset, cte: '8bit' | 'quoted-printable' | 'base64', nameEncoded: boolean, subjectEncoding: 'B' | 'Q'): Built {
  const subject = p.list.subjectPrefix + encodeWords(p.subject.slice(p.list.subjectPrefix.length), charset, subjectEncoding);
  const from = nameEncoded ? `${encodeWords(p.poster.name, charset, subjectEncoding)} <${p.poster.address}>` : undefined;
  return custom(p, textPart(p.text, { charset, cte }), { subjectRaw: subject, ...(from ? { from } : {}) });
}

function bytes(rng: Rng, head: string, size: number, tail = ''): Buffer {
  const out = Buffer.alloc(size);
  out.write(head, 'latin1');
  for (let i = head.length; i < size - tail.length; i++) out[i] = rng.int(0, 255);
  out.write(tail, size - tail.length, 'latin1');
  return out;
}

const FRENCH = `Bonjour à tous,

Depuis la mise à jour vers 2024.1, les noms de projets accentués
(« Développement », « Qualité », « Opérations ») s'affichent mal dans le
tableau de bord : les caractères é, è et à deviennent des points
d'interrogation dans la liste des instances.

Est-ce un problème connu ? Le même nom s'affiche correctement dans l'API.

Merci d'avance,
Zoë`;
const RUSSIAN = `Привет всем,

Мы планируем миграцию с linuxbridge на OVN в следующем релизе. Кто-нибудь
уже делал это на кластере примерно из 200 узлов? Интересует, сколько
времени занимает ресинхронизация базы OVN и нужен ли простой сети.

Спасибо,
Николай`;
const CHINESE = `大家好，

升级到 2024.2 之后，热迁移在大约一半的主机上失败，日志显示 "host not found"。
我们检查了网络和主机名，都没有问题。有人遇到过同样的问题吗？

谢谢，
李雷`;

const HOSTILE_HTML = `<html><head><style>body { font-family: Arial }</style>
<script>${XSS_MARKERS[0]}</script></head>
<body><p>Hi all,</p>
<p>After the upgrade the console shows a blank page for every project. See
<a href="${XSS_MARKERS[2]}">this screenshot</a> and
<a href="http://status.stellarhosting.example/incident/42" onclick="alert(1)">our status page</a>.</p>
<img src="x" onerror="${XSS_MARKERS[1]}">
<iframe src="http://tracker.stellarhosting.example/pixel.gif"></iframe>
<p>Thanks,<br>Liam</p></body></html>`;

export function buildCases(ctx: CaseContext): Built[] {
  const out: Built[] = [];
  const addr = (name: string) => ctx.poster(name).address;

  // Latin-1, then a reply that quotes it in UTF-8.
  const fr = post(ctx, 'aurora-discuss', 'Zoë Lindqvist', '2024-01-16T09:14:03Z', "[dashboard] Problème d'affichage des noms accentués", FRENCH, ['charset-iso-8859-1']);
  out.push(legacy(fr, 'iso-8859-1', '8bit', true, 'Q'));
  out.push(plain(reply(ctx, fr, 'Chloe Dubois', '2024-01-16T13:40:19Z', ['Bonjour Zoë, this is a known problem in the instances panel; the fix is in review and will be backported.'])));

  // windows-1252 in quoted-printable, then an old client's reply with a raw 8-bit Subject.
  const q = post(ctx, 'aurora-discuss', 'Ana María Ortega', '2024-04-09T15:40:12Z', '[ops] The “quota” report shows €0 for every project',
    'Hi all,\n\nSince the upgrade the monthly “quota” report shows €0 – for every single\nproject – and the ‘usage’ column is empty… Did the report format change?\n\nThanks,\nAna María', ['charset-windows-1252', 'quoted-printable']);
  out.push(legacy(q, 'windows-1252', 'quoted-printable', true, 'Q'));
  const raw8 = reply(ctx, q, 'Gustavo Reyes', '2024-04-10T08:02:55Z', ['Same here. The “quota” job needs the new usage table, see the upgrade notes.']);
  raw8.cases.push('raw-8bit-header', 'charset-windows-1252');
  out.push(custom(raw8, textPart(raw8.text.replace(/[^\x00-\xff€“”‘’–…]/g, '?'), { charset: 'windows-1252', cte: '8bit' }), { subjectRaw: encodeText(raw8.subject, 'windows-1252') }));

  // KOI8-R.
  const ru = post(ctx, 'aurora-dev', 'Nikolai Sokolov', '2024-06-18T07:02:44Z', '[network] Вопрос о миграции на OVN', RUSSIAN, ['charset-koi8-r']);
  out.push(legacy(ru, 'koi8-r', '8bit', false, 'B'));
  out.push(plain(reply(ctx, ru, 'Lars Henriksen', '2024-06-18T11:21:08Z', ['Nikolai, we migrated about 150 nodes last year. The OVN DB resync took around forty minutes and the data plane kept working.'])));

  // GB2312 in base64, name and subject too; a UTF-8 reply.
  const zh = post(ctx, 'aurora-discuss', '李雷', '2024-09-24T02:31:09Z', '[compute] 关于实例热迁移失败的问题', CHINESE, ['charset-gb2312', 'base64']);
  out.push(legacy(zh, 'gb2312', 'base64', true, 'B'));
  out.push(plain(reply(ctx, zh, 'Wen Jie', '2024-09-24T06:10:44Z', ['李雷，你好：', '我们也遇到过，是 placement 的缓存问题，重启 conductor 之后就好了。'])));

  // UTF-8 quoted-printable with long lines and '='.
  const qp = post(ctx, 'aurora-dev', 'Sofia Marchetti', '2024-02-27T13:25:51Z', '[compute] Summary of the scheduler performance tests',
    `Hi all,\n\nHere are the numbers from the scheduler tests on 500 simulated hosts, with cpu_allocation_ratio=16.0 and ram_allocation_ratio=1.5 (the defaults we ship in the sample configuration file, unchanged since 2023.1):\n\n  filters → 12 ms per request ✓\n  weighers → 31 ms per request\n  placement → 140 ms per request (this is the part we need to look at)\n\nRésumé: the filters are not the problem.\n\nSofia`, ['quoted-printable']);
  out.push(custom(qp, textPart(qp.text, { charset: 'utf-8', cte: 'quoted-printable' })));

  // UTF-8 base64 from a non-ASCII name.
  const b64 = post(ctx, 'aurora-dev', 'Łukasz Nowicki', '2025-01-14T10:11:12Z', '[docs] New contributor guide draft',
    'Hi,\n\nThe draft of the new contributor guide is ready for review. It now covers\nthe Gerrit workflow, the gate and how to ask for reviews.\n\nDziękuję,\nŁukasz', ['base64', 'encoded-name-utf8']);
  out.push(custom(b64, textPart(b64.text, { charset: 'utf-8', cte: 'base64' })));

  // HTML only, hostile; a plain-text reply quoting what the client rendered.
  const html = post(ctx, 'aurora-discuss', "Liam O'Brien", '2024-11-05T18:22:40Z', '[dashboard] Console shows a blank page', 'Hi all,\n\nAfter the upgrade the console shows a blank page for every project. See\nthis screenshot and our status page.\n\nThanks,\nLiam', ['html-only']);
  out.push(custom(html, textPart(HOSTILE_HTML, { subtype: 'html', charset: 'utf-8', cte: 'quoted-printable' })));
  out.push(plain(reply(ctx, html, 'Hugo Lefevre', '2024-11-06T09:05:13Z', ['Liam, the attachment did not come through on the list. Could you paste the browser console output as text?'])));

  // Attachments: a PDF, a PNG and a patch.
  const att = post(ctx, 'aurora-dev', 'Priya Raman', '2024-08-20T11:45:30Z', '[compute] Quota usage report and topology for the resize bug',
    'Hi all,\n\nAttached are the quota usage report from our staging region, the network\ntopology and a first patch for the retry loop. The report shows the\ndouble-counted allocations on page 3.\n\nPriya', ['attachments']);
  out.push(custom(att, multipart('mixed', '------------5Zq8x2Lk0aTw7yQm3NbRc1Dp', [
    textPart(att.text),
    attachmentPart(bytes(ctx.rng, '%PDF-1.4\n', ATTACHMENTS[0].size, '\n%%EOF\n'), ATTACHMENTS[0].type, ATTACHMENTS[0].name),
    attachmentPart(bytes(ctx.rng, '\x89PNG\r\n\x1a\n', ATTACHMENTS[1].size), ATTACHMENTS[1].type, ATTACHMENTS[1].name),
    attachmentPart(Buffer.from(`--- a/aurora_compute/conductor/manager.py\n+++ b/aurora_compute/conductor/manager.py\n@@ -1180,7 +1180,9 @@\n${'-        retries += 1\n+        retries = min(retries + 1, CONF.max_retries)\n'.repeat(6)}`.padEnd(ATTACHMENTS[2].size, ' ').slice(0, ATTACHMENTS[2].size)), ATTACHMENTS[2].type, ATTACHMENTS[2].name),
  ], '', 'This is a multi-part message in MIME format.')));

  // PGP/MIME signed advisory.
  const adv = post(ctx, 'aurora-announce', 'Maya Okafor', '2025-03-11T16:00:00Z', '[AASA-2025-001] Aurora Network: security group rules not applied after agent restart',
    'Aurora Security Advisory AASA-2025-001\n\nAffects: Aurora Network 2024.1, 2024.2\n\nDescription:\nAfter a restart of the L3 agent, security group rules added while the agent\nwas down are not applied until the next full resync. Instances may accept\ntraffic their rules deny.\n\nPatches are available for master and both stable branches.\n\nThe Aurora vulnerability management team', ['pgp-signed'], 600);
  const sig = `-----BEGIN PGP SIGNATURE-----\n\n${base64Lines(bytes(ctx.rng, '', 566))}\n=${ctx.rng.hex(4)}\n-----END PGP SIGNATURE-----\n`;
  out.push(custom(adv, multipart('signed', '------------enigSIG2025AASA001', [
    textPart(adv.text),
    { kind: 'leaf', headers: [['Content-Type', 'application/pgp-signature; name="signature.asc"'], ['Content-Description', 'OpenPGP digital signature'], ['Content-Disposition', 'attachment; filename="signature.asc"']], body: Buffer.from(sig) },
  ], 'micalg=pgp-sha256; protocol="application/pgp-signature"', 'This is an OpenPGP/MIME signed message (RFC 4880 and 3156)')));

  // A reply whose client dropped In-Reply-To and References.
  const dhcp = post(ctx, 'aurora-discuss', 'Pieter de Vries', '2025-02-04T08:30:00Z', '[network] DHCP leases expire too early', 'Hello,\n\nOur instances lose their address after about an hour although\ndhcp_lease_duration is set to a day. Is there another setting involved?\n\nPieter', []);
  out.push(plain(dhcp));
  const lost = reply(ctx, dhcp, 'Arjun Mehta', '2025-02-05T10:12:00Z', ['The agent uses its own lease time when the subnet has none; set it on the subnet as well.']);
  lost.cases.push('lost-references');
  out.push(custom({ ...lost, inReplyTo: undefined, references: [] }, textPart(lost.text)));

  // No Date.
  const nd = post(ctx, 'aurora-dev', 'Hannah Greaves', '2025-05-20T12:00:00Z', '[release] Reminder: stable/2025.1 freeze on Thursday', 'Hi all,\n\nA reminder that stable/2025.1 is frozen for the first bugfix release on\nThursday. Please get your backports reviewed before then.\n\nHannah', ['no-date'], 7);
  out.push(custom(nd, textPart(nd.text), { date: null }));

  // No Message-ID.
  const nm = post(ctx, 'aurora-discuss', 'Mariana Costa', '2025-06-10T14:03:27Z', '[dashboard] Login loop with SSO after upgrade', 'Hi,\n\nAfter upgrading to 2025.1 the dashboard redirects back to the identity\nprovider forever when SSO is enabled. Local logins work.\n\nMariana', ['no-message-id']);
  out.push(custom(nm, textPart(nm.text), { messageId: null }));

  // A two-digit year.
  const y2 = post(ctx, 'aurora-discuss', 'Ingrid Solberg', '2025-07-15T08:04:11Z', '[docs] Upgrade guide for 2025.1 is missing a step', 'Hello,\n\nThe upgrade guide does not mention running the online data migrations\nbefore restarting the API services.\n\nIngrid', ['two-digit-year']);
  out.push(custom(y2, textPart(y2.text), { date: 'Tue, 15 Jul 25 10:04:11 +0200' }));

  // A Date 41 days behind its arrival (a laptop with a wrong clock).
  const sk = post(ctx, 'aurora-dev', 'Felix Baumann', '2025-11-18T10:00:00Z', '[dashboard] Angular removal status', 'Hi,\n\nThe last Angular panel is gone from master. Please test your plugins\nagainst it before the milestone.\n\nFelix', ['date-skewed']);
  out.push(custom(sk, textPart(sk.text), { date: rfc5322Date(sk.at - 41 * 86400, 60) }));

  // `From ` at the start of body lines, one of them shaped like an mbox separator.
  const fl = post(ctx, 'aurora-dev', 'Tomasz Wilk', '2025-09-09T09:40:00Z', '[compute][gate] Timestamps in the gate notifications',
    `Hi,\n\nFrom the logs I can see the job was retried three times. The gate\nnotification was stored in the job's mbox, and its first line reads:\n\nFrom ${addr('Tomasz Wilk').replace(/@.*/, '')}@aurora-infra.example Tue Sep  9 08:12:44 2025\n\nso the timestamp there is UTC, two hours before the merge.\n\n>From what Maya wrote last week this is expected.\n\nTomasz`, ['from-line-in-body']);
  out.push(plain(fl));

  // Obfuscated addresses in a body.
  const ob = post(ctx, 'aurora-discuss', 'Kenji Morita', '2026-01-13T12:12:12Z', '[ops] Who to contact about the operators survey',
    `Hi all,\n\nYou can reach the operators SIG chairs at ${addr('Maya Okafor').replace('@', ' at ')}\nand ${addr('Tomasz Wilk').replace('@', '(a)')}, or put ${addr('Priya Raman').replace('@', '%40')} in\nthe CC field of the ticket. The old wiki page still lists\n${addr('Lars Henriksen').replace('@', '&#64;')}, which no longer works.\n\nKenji`, ['obfuscated-addresses']);
  out.push(plain(ob));

  // Spam that got through.
  const spam: Poster = { name: 'Prize Department', first: 'Prize', address: 'claims@prize-notice.example', org: '', tz: 0, client: 'outlook', signature: undefined };
  const sp: Post = { list: ctx.list('aurora-discuss'), poster: spam, at: t('2025-10-21T03:33:33Z'), archivedAt: t('2025-10-21T03:34:01Z'), subject: '🎉 URGENT: You have won 1,000,000 EUR – claim now!!!', messageId: ctx.id(spam, t('2025-10-21T03:33:33Z')), references: [], text: 'Dear Winner,\n\nYour address was selected in our annual draw. Claim your prize now at\nhttp://prize-notice.example/claim?id=884213 before it expires!!!', cases: ['spam'] };
  out.push(custom(sp, multipart('alternative', 'b1_spam_884213', [textPart(sp.text), textPart('<p>Dear Winner,</p><p><a href="http://prize-notice.example/claim?id=884213"><b>CLAIM NOW</b></a></p>', { subtype: 'html' })]), { extra: [['X-Spam-Flag', 'YES'], ['X-Spam-Score', '9.8']] }));

  // CRLF line breaks throughout.
  const cr = post(ctx, 'aurora-discuss', 'Rafael Quintero', '2026-03-03T09:09:09Z', '[docs] Typo in the install guide', 'Hi,\n\nThe install guide says "aurora-manage db synch" in step 4; it should be\n"db sync".\n\nRafael', ['crlf']);
  const crlf = plain(cr);
  out.push({ ...crlf, raw: Buffer.from(crlf.raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1') });
  return out;
}
