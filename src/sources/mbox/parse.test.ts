import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SYNTHETIC_DOMAIN } from './ids.ts';
import { decodeHeader, MessageParseError, parseMessage, parseRawMessage, type ParsedMessage } from './parse.ts';
import { splitMbox } from './split.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/mbox/${name}`, import.meta.url));
const latin1 = (text: string) => Buffer.from(text, 'latin1');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

async function month(name: string): Promise<(ParsedMessage | MessageParseError)[]> {
  const out = [];
  for (const raw of splitMbox(fixture(name))) out.push(await parseRawMessage(raw));
  return out;
}
const ok = (m: ParsedMessage | MessageParseError | undefined): ParsedMessage => {
  if (!m || m instanceof MessageParseError) throw new Error(`expected a message, got ${String(m)}`);
  return m;
};

describe('parseMessage on a 1990s archive', () => {
  it('reads the plain old messages, guessing what they did not declare', async () => {
    const [first, second, third, fourth] = (await month('1990s.mbox')).map(ok) as [ParsedMessage, ParsedMessage, ParsedMessage, ParsedMessage];
    expect(first).toEqual({
      messageId: '9703031902.AA01234@cs.example.edu',
      inReplyTo: undefined,
      references: [],
      subject: 'Widget 0.9 released',
      from: { name: 'John Doe', address: 'jdoe@cs.example.edu' },
      date: '1997-03-03T19:02:11Z',
      envelopeDate: '1997-03-03T14:02:11Z',
      text: 'Widget 0.9 is out.\n\nFrom the changelog:\n - faster frobnication\n - fewer crashes\n\nFrom now on, please report bugs to the list.\n\n-- \nJohn Doe, Dept. of Widgetry',
      attachments: [],
      signed: undefined,
      list: undefined,
      flags: ['date-two-digit-year'],
    });
    // Raw latin1 in a header and in an undeclared body.
    expect(second).toMatchObject({ from: { name: 'M. Müller', address: 'mmuller@example.de' }, inReplyTo: '9703031902.AA01234@cs.example.edu', date: '1997-03-04T09:15:00Z', text: 'John Doe wrote:\n> Widget 0.9 is out.\n\nGrüße aus Köln, und danke!' });
    expect(second.flags).toEqual(['header-charset-guessed', 'charset-guessed']);
    // No Message-ID: a stable one from the bytes, flagged.
    expect(third.messageId).toMatch(new RegExp(`^[0-9a-f]{32}@${SYNTHETIC_DOMAIN.replace(/\./g, '\\.')}$`));
    expect(third.flags).toEqual(['message-id-synthesised', 'date-two-digit-year']);
    expect(third).toMatchObject({ date: '1997-03-04T19:00:00Z', envelopeDate: undefined, text: 'Danke! This one has no Message-ID.\n\nFrom   the archive maintainer: this line is not a separator.\n>From here on it is mboxrd-quoted.' });
    // No Date: undefined and flagged; the envelope's date is there for the caller.
    expect(fourth).toMatchObject({ date: undefined, envelopeDate: '1997-03-05T00:00:00Z', from: { name: '', address: 'list-admin@lists.example.edu' } });
    expect(fourth.flags).toEqual(['date-missing']);
  });

  it('synthesises the same Message-ID for the same message with CRLF line breaks', async () => {
    const raw = [...splitMbox(fixture('1990s.mbox'))][2]!.bytes;
    const crlf = Buffer.from(Buffer.from(raw).toString('latin1').replace(/\n/g, '\r\n') + '\r\n\r\n', 'latin1');
    expect((await parseMessage(crlf)).messageId).toBe((await parseMessage(raw)).messageId);
    const other = Buffer.concat([raw, latin1('one more line\n')]);
    expect((await parseMessage(other)).messageId).not.toBe((await parseMessage(raw)).messageId);
  });
});

describe('parseMessage charsets', () => {
  it('decodes RFC 2047 headers and bodies in latin1, koi8-r, gb2312, windows-1252 and UTF-8', async () => {
    const messages = (await month('charsets.mbox')).map(ok);
    expect(messages.map((m) => [m.from.name, m.subject, m.text, m.flags])).toEqual([
      ['Renée Lefèvre', "Réunion de l'équipe", "La réunion de l'équipe aura lieu à 15 h. Ça vous va ?", []],
      ['Борис Петров', 'Привет всем', 'Привет всем! Это сообщение в кодировке KOI8-R.', []],
      ['李明', '你好，世界', '你好，世界！这是一封简体中文邮件。', []],
      ['Carol', '“Smart quotes” – and € — mixed', 'No charset declared: “smart quotes” – €5, naïve café.', ['charset-guessed']],
      ['Dave', 'Undeclared UTF-8', 'Labelled us-ascii, sent as UTF-8: Zürich, 東京.', ['charset-guessed']],
    ]);
  });

  it('reads encoded words labelled UTF-8 that are latin1 as windows-1252', () => {
    expect(decodeHeader('=?UTF-8?Q?Luc=eda_Charlie?=')).toBe('Lucía Charlie');
    expect(decodeHeader('=?utf-8?q?Luc=C3=ADa?=')).toBe('Lucía');
    // A character split over two words is still UTF-8.
    expect(decodeHeader('=?utf-8?q?Luc=C3?= =?utf-8?q?=ADa?=')).toBe('Lucía');
    expect(decodeHeader('plain')).toBe('plain');
  });

  it('guesses quoted-printable and base64 bodies without a charset from the decoded bytes', async () => {
    const qp = await parseMessage(latin1('From: a@example.org\nContent-Transfer-Encoding: quoted-printable\n\nCaf=E9 cr=E8me\n'));
    expect([qp.text, qp.flags.includes('charset-guessed')]).toEqual(['Café crème', true]);
    const b64 = await parseMessage(latin1(`From: a@example.org\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n${Buffer.from('Zürich', 'utf8').toString('base64')}\n`));
    expect([b64.text, b64.flags.includes('charset-guessed')]).toEqual(['Zürich', true]);
    const ascii = await parseMessage(latin1('From: a@example.org\nContent-Transfer-Encoding: quoted-printable\n\nplain=20text\n'));
    expect([ascii.text, ascii.flags.includes('charset-guessed')]).toEqual(['plain text', false]);
  });

  it('guesses a multipart message that names no charset anywhere as a whole', async () => {
    const m = await parseMessage(latin1('From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nGr\xfc\xdfe\n--b--\n'));
    expect([m.text, m.flags.includes('charset-guessed')]).toEqual(['Grüße', true]);
  });
});

describe('parseMessage bodies', () => {
  it('turns HTML-only mail into text with an HTML parser, without scripts, styles or images', async () => {
    const m = await parseMessage(fixture('html-only.eml'));
    expect(m.subject).toBe('HTML only — no plain part');
    expect(m.text).toBe('Hello team,\n\nThe notes are on the wiki [https://wiki.example.org/notes].\n\n * one\n * two\n\nCafé & <tags>');
    expect(m.flags).toEqual(['html-only']);
    expect(m.date).toBe('2023-03-15T16:30:00Z');
  });

  it('prefers text/plain in multipart/alternative and lists attachments without their content', async () => {
    const m = await parseMessage(fixture('multipart-attachment.eml'));
    expect(m).toMatchObject({
      messageId: 'attach-1@example.com',
      inReplyTo: 'parent-0@example.com',
      references: ['root-0@example.com', 'parent-0@example.com'],
      from: { name: 'Frank, the Tester', address: 'frank@example.com' },
      text: 'Here are the logs. They show the crash.',
      list: { id: 'dev.lists.example.org', name: 'Developers list' },
      flags: [],
    });
    expect(m.attachments).toEqual([
      { filename: 'build.log', contentType: 'text/x-log', size: 30 },
      { filename: 'schéma.png', contentType: 'image/png', size: 1024 },
    ]);
    expect(JSON.stringify(m)).not.toContain('ERROR: it broke');
  });

  it('recognises PGP/MIME, inline PGP and S/MIME signatures', async () => {
    const mime = await parseMessage(fixture('pgp-mime-signed.eml'));
    expect([mime.signed, mime.text, mime.attachments]).toEqual(['pgp', 'Version 2.0 is tagged.', [{ filename: 'signature.asc', contentType: 'application/pgp-signature', size: 136, signature: true }]]);
    const inline = await parseMessage(fixture('pgp-inline-signed.eml'));
    expect([inline.signed, inline.text]).toEqual(['pgp', 'The checksums are below.\n-- not a signature separator, dash-escaped\nsha256 0123abcd']);
    const smime = await parseMessage(fixture('smime-signed.eml'));
    expect([smime.signed, smime.text, smime.attachments.map((a) => [a.contentType, a.signature])]).toEqual(['smime', 'Signed with a certificate.', [['application/pkcs7-signature', true]]]);
    const encrypted = await parseMessage(utf8('From: a@example.org\nContent-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary=e\n\n--e\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--e\nContent-Type: application/octet-stream\n\n-----BEGIN PGP MESSAGE-----\nabc\n-----END PGP MESSAGE-----\n--e--\n'));
    expect(encrypted.flags).toContain('encrypted');
  });

  it('reads pipermail months: "user at host (Name)" senders and scrubbed attachments', async () => {
    const [notes, reply, next] = (await month('pipermail-2014-November.txt')).map(ok) as [ParsedMessage, ParsedMessage, ParsedMessage];
    expect(notes).toMatchObject({ from: { name: 'Kim Example', address: 'kim@example.org' }, subject: '[Demo-dev] Meeting notes', attachments: [{ filename: undefined, contentType: 'text/html', size: undefined, scrubbed: true }] });
    expect(notes.text).toBe('Notes from today. Contact lee at example.net or lee(a)example.net\nor lee [at] example [dot] net for the minutes.');
    expect(reply).toMatchObject({ from: { name: 'Lée Example', address: 'lee@example.net' }, signed: 'pgp', attachments: [{ filename: 'signature.asc', contentType: 'application/pgp-signature', size: 190, signature: true, scrubbed: true }] });
    expect(reply.text).toBe('Thanks!\n\nOn Sat, Nov 8, 2014 at 11:37 AM, Kim Example <kim at example.org\n> wrote:\n\n> Notes from today.');
    // A "next part" that is text pipermail kept stays in the text.
    expect(next.text).toBe("Next month's notes: a new thread with the same subject.\n-------------- next part --------------\nSome inline text part that pipermail kept.");
    expect(next.attachments).toEqual([]);
  });

  it('keeps CRLF messages to LF text', async () => {
    const [first] = (await month('crlf.mbox')).map(ok);
    expect(first!.text).toBe('First message, CRLF line breaks.\nFrom here, quoted.');
  });
});

describe('parseMessage headers', () => {
  it('normalises ids: brackets, folding, duplicates, the own id, bare ids', async () => {
    const m = await parseMessage(utf8('Message-ID: < self@example.org >\nIn-Reply-To: Your message of "Mon, 1 Jan 2001" <p@example.org>\nReferences: <r1@example.org> <self@example.org>\n <r1@example.org>\n\t<p@example.org>\nSubject:  Re:   folded\n  subject \nFrom: a@example.org\n\nx'));
    expect([m.messageId, m.inReplyTo, m.references, m.subject]).toEqual(['self@example.org', 'p@example.org', ['r1@example.org', 'p@example.org'], 'Re: folded subject']);
    const bare = await parseMessage(utf8('Message-ID: bare@example.org\nIn-Reply-To: other@example.org\nFrom: a@example.org\n\nx'));
    expect([bare.messageId, bare.inReplyTo, bare.flags]).toEqual(['bare@example.org', 'other@example.org', ['date-missing']]);
    const odd = await parseMessage(utf8('Message-ID: 12345\nFrom: a@example.org\nDate: Mon, 1 Jan 2001 00:00:00 +0000\n\nx'));
    expect([odd.messageId, odd.flags]).toEqual(['12345', ['message-id-malformed']]);
  });

  it('reads senders in the forms archives have', async () => {
    const from = async (value: string) => (await parseMessage(utf8(`From: ${value}\nMessage-ID: <x@example.org>\n\nx`))).from;
    expect(await from('jane at example.org (Jane Doe)')).toEqual({ name: 'Jane Doe', address: 'jane@example.org' });
    expect(await from('jane at Example.ORG')).toEqual({ name: '', address: 'jane@example.org' });
    expect(await from('jane@example.org (Jane Doe)')).toEqual({ name: 'Jane Doe', address: 'jane@example.org' });
    expect(await from('"Doe, Jane" <Jane.Doe@Example.org>')).toEqual({ name: 'Doe, Jane', address: 'Jane.Doe@example.org' });
    expect(await from('=?UTF-8?Q?Luc=eda?= <l@example.org>')).toEqual({ name: 'Lucía', address: 'l@example.org' });
    expect(await from('Undisclosed')).toEqual({ name: 'Undisclosed', address: undefined });
    // Regression: markup in an unquoted name was read as the address (`script`), so the poster became "Unknown poster".
    expect(await from('<script>alert(1)</script> <evil@example.org>')).toEqual({ name: '<script>alert(1)</script>', address: 'evil@example.org' });
    expect(await from('<b onmouseover="alert(1)">Mallory</b> <m@Example.ORG>')).toEqual({ name: '<b onmouseover="alert(1)">Mallory</b>', address: 'm@example.org' });
    expect(await from('=?UTF-8?B?PGk+RXZlPC9pPg==?= <eve@example.org>')).toEqual({ name: '<i>Eve</i>', address: 'eve@example.org' });
    const none = await parseMessage(utf8('Subject: x\n\nbody'));
    expect([none.from, none.flags]).toEqual([{ name: '', address: undefined }, ['message-id-synthesised', 'date-missing', 'from-missing']]);
  });

  it('flags unreadable and zone-less dates', async () => {
    const date = async (value: string) => {
      const m = await parseMessage(utf8(`From: a@example.org\nMessage-ID: <x@example.org>\nDate: ${value}\n\nx`));
      return [m.date, m.flags];
    };
    expect(await date('sometime in spring')).toEqual([undefined, ['date-unparsable']]);
    expect(await date('Thu, 1 Jul 1999 12:00:00')).toEqual(['1999-07-01T12:00:00Z', ['date-zone-assumed']]);
  });

  it('reads List-Id with and without a name', async () => {
    const list = async (value: string) => (await parseMessage(utf8(`From: a@example.org\nList-Id: ${value}\n\nx`))).list;
    expect(await list('"Dev list" <Dev.Lists.Example.org>')).toEqual({ id: 'dev.lists.example.org', name: 'Dev list' });
    expect(await list('<dev.lists.example.org>')).toEqual({ id: 'dev.lists.example.org', name: undefined });
    expect(await list('dev.lists.example.org')).toEqual({ id: 'dev.lists.example.org', name: undefined });
    expect(await list('nonsense')).toBeUndefined();
  });
});

describe('MessageParseError', () => {
  it('reports empty messages and text that is not a message, with the offset', async () => {
    const results = await month('broken.mbox');
    expect(results.map((r) => (r instanceof MessageParseError ? [r.reason, r.offset] : r.messageId))).toEqual([['no-headers', 0], ['empty', 51], 'fine@example.org']);
    await expect(parseMessage(utf8(' \n\n'))).rejects.toMatchObject({ name: 'MessageParseError', reason: 'empty' });
    await expect(parseMessage(utf8('\nSubject: after a blank line\n\nx'))).rejects.toMatchObject({ reason: 'no-headers' });
  });

  it('reads a message that still has its From line', async () => {
    const m = await parseMessage(utf8('From a@example.org Thu Jan  1 00:00:00 1998\nFrom: a@example.org\nMessage-ID: <f@example.org>\n\nbody'));
    expect([m.messageId, m.text]).toEqual(['f@example.org', 'body']);
  });
});
