/**
 * A small mbox of hostile mail for the browser XSS test (mail.test.ts): HTML-only
 * messages with scripts, event handlers, `javascript:` links, SVG and iframes, a
 * multipart/alternative whose HTML part is hostile and text part harmless, an HTML
 * attachment, and hostile subjects and From names, plain and RFC 2047-encoded.
 *
 * Every payload that runs sets `window.__pwned` (to say which one) and opens a
 * dialog, so the test sees any of them fire. Each message has a made-up word of
 * its own (`WORDS`) that search must find.
 */

/** `=?UTF-8?B?…?=` words of at most 30 bytes each (the payloads are ASCII). */
function encodedWords(s: string): string {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += 30) out.push(`=?UTF-8?B?${Buffer.from(s.slice(i, i + 30)).toString('base64')}?=`);
  return out.join(' ');
}

/** A payload that says who ran it. */
const run = (who: string) => `window.__pwned='${who}';alert('${who}')`;

/** Made-up words, one per message, to search for. */
export const WORDS = {
  htmlOnly: 'quixhtmlonly',
  alternative: 'quixalternative',
  attachment: 'quixattachment',
  plain: 'quixplaintext',
  encoded: 'quixencoded',
} as const;

/** Subjects and names as the pages must show them: as text. */
export const SHOWN = {
  scriptSubject: `<script>${run('subject')}</script> Console ${WORDS.htmlOnly}`,
  scriptName: `<script>${run('from-name')}</script>`,
  encodedSubject: `<img src=x onerror="${run('encoded-subject')}"> ${WORDS.encoded}`,
  encodedName: `<svg onload="${run('encoded-name')}">`,
  unquotedName: `<b onmouseover="${run('unquoted-name')}">Mallory</b>`,
  /** What the multipart/alternative's text part says. */
  harmless: `Only this harmless text part should be shown, ${WORDS.alternative}.`,
  attachmentName: `<img src=x onerror="${run('attachment-name')}">.html`,
} as const;

const HOSTILE_HTML = `<html><head><style>body { background: url("javascript:${run('css')}") }</style>
<script>${run('script')}</script>
<meta http-equiv="refresh" content="0;url=javascript:${run('refresh')}">
<base href="javascript:${run('base')}//">
</head><body onload="${run('body-onload')}">
<p>Hostile HTML-only mail, ${WORDS.htmlOnly}.</p>
<img src="x" onerror="${run('img')}">
<a href="javascript:${run('href')}">a javascript link</a>
<a href="JaVaScRiPt&colon;${run('href-entity')}">an encoded javascript link</a>
<svg onload="${run('svg')}"><circle r="5"/></svg>
<iframe src="javascript:parent.${run('iframe')}"></iframe>
<iframe srcdoc="&lt;script&gt;parent.${run('srcdoc')}&lt;/script&gt;"></iframe>
<object data="javascript:${run('object')}"></object>
<form action="javascript:${run('form')}"><button formaction="javascript:${run('formaction')}">Go</button></form>
<p onmouseover="${run('mouseover')}" style="background:url(javascript:${run('style')})">Hover here</p>
<math><mtext><table><mglyph><style><img src=x onerror="${run('mxss')}"></style></mglyph></table></mtext></math>
</body></html>`;

interface Mail {
  id: string;
  from: string;
  subject: string;
  date: string;
  inReplyTo?: string;
  headers?: string[];
  body: string;
}

const mails: Mail[] = [
  {
    id: 'evil-1@hostile.example',
    from: `"${SHOWN.scriptName}" <mallory@hostile.example>`,
    subject: SHOWN.scriptSubject,
    date: 'Mon, 06 Jan 2025 10:00:00 +0000',
    headers: ['Content-Type: text/html; charset=utf-8'],
    body: HOSTILE_HTML,
  },
  {
    id: 'evil-2@hostile.example',
    from: `${encodedWords(SHOWN.encodedName)} <eve@hostile.example>`,
    subject: `Re: ${SHOWN.scriptSubject}`,
    date: 'Mon, 06 Jan 2025 11:00:00 +0000',
    inReplyTo: 'evil-1@hostile.example',
    headers: ['Content-Type: multipart/alternative; boundary="alt-boundary"'],
    body: [
      '--alt-boundary',
      'Content-Type: text/plain; charset=utf-8',
      '',
      SHOWN.harmless,
      '',
      '--alt-boundary',
      'Content-Type: text/html; charset=utf-8',
      '',
      HOSTILE_HTML.replace(WORDS.htmlOnly, 'hostile alternative'),
      '--alt-boundary--',
    ].join('\n'),
  },
  {
    id: 'evil-3@hostile.example',
    from: `${SHOWN.unquotedName} <trent@hostile.example>`,
    subject: `Re: ${SHOWN.scriptSubject}`,
    date: 'Mon, 06 Jan 2025 12:00:00 +0000',
    inReplyTo: 'evil-2@hostile.example',
    headers: ['Content-Type: multipart/mixed; boundary="mixed-boundary"'],
    body: [
      '--mixed-boundary',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `The page is attached, ${WORDS.attachment}.`,
      '',
      '> <script>' + run('quoted') + '</script>',
      '',
      '--mixed-boundary',
      `Content-Type: text/html; charset=utf-8; name="${SHOWN.attachmentName.replace(/"/g, '\\"')}"`,
      `Content-Disposition: attachment; filename="${SHOWN.attachmentName.replace(/"/g, '\\"')}"`,
      '',
      HOSTILE_HTML,
      '--mixed-boundary--',
    ].join('\n'),
  },
  {
    id: 'evil-4@hostile.example',
    from: `${encodedWords(SHOWN.scriptName)} <victor@hostile.example>`,
    subject: encodedWords(SHOWN.encodedSubject),
    date: 'Tue, 07 Jan 2025 09:00:00 +0000',
    headers: ['Content-Type: text/plain; charset=utf-8'],
    body: [
      `Markup written in a plain-text mail stays text, ${WORDS.plain}:`,
      '',
      `<script>${run('plain-script')}</script>`,
      `<img src=x onerror="${run('plain-img')}">`,
      `javascript:${run('plain-url')}`,
      `<a href="javascript:${run('plain-href')}">link</a>`,
    ].join('\n'),
  },
];

/** The mbox file: each mail after a `From ` line, with a blank line between them. */
export function hostileMbox(): string {
  return mails
    .map((m) =>
      [
        `From ${m.id.replace(/^evil-\d+/, 'sender')} Mon Jan  6 10:00:00 2025`,
        `From: ${m.from}`,
        'To: evil@lists.hostile.example',
        `Subject: ${m.subject}`,
        `Date: ${m.date}`,
        `Message-ID: <${m.id}>`,
        ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`, `References: <${m.inReplyTo}>`] : []),
        'MIME-Version: 1.0',
        ...(m.headers ?? []),
        '',
        m.body,
        '',
      ].join('\n'),
    )
    .join('\n');
}
