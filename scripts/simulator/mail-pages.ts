/**
 * The pages of the mail simulator that are not archives: Mailman 2.1's pipermail archive index
 * (`archtoc.html` with one `archtocentry.html` row per month, newest first, and the size of the
 * downloadable file as `sizeof()` prints it), pipermail's month pages (by thread, subject, author,
 * date: a list of subjects and authors), and HyperKitty's list JSON (the REST API's
 * MailingListSerializer fields) and its paginated list of lists.
 */
import { pipermailVolume } from '../demo/mail-archive.ts';

export interface IndexMonth {
  /** `YYYY-MM`. */
  month: string;
  /** The file the row links to and its size in bytes. */
  file: string;
  size: number;
  gzip: boolean;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Mailman's `sizeof()`: ` 834 bytes `, ` 12 KB `, ` 3 MB ` (decimal units, rounded down). */
export function mailmanSize(bytes: number): string {
  if (bytes < 1000) return ` ${bytes} bytes `;
  if (bytes < 1_000_000) return ` ${Math.floor(bytes / 1000)} KB `;
  return ` ${Math.floor(bytes / 1_000_000)} MB `;
}

function label(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

export interface IndexPage {
  list: string;
  /** Mailman's `real_name`: the list name with a capital. */
  realName: string;
  listinfo: string;
  /** Size of the full raw mbox, when the site makes it public. */
  mboxSize?: number | undefined;
  months: readonly IndexMonth[];
}

/** `/pipermail/<list>/`: archtoc.html. */
export function pipermailIndex(page: IndexPage): string {
  const rows = [...page.months]
    .sort((a, b) => (a.month < b.month ? 1 : -1))
    .map((m) => {
      const vol = pipermailVolume(m.month);
      return `
	    <tr>
            <td>${label(m.month)}:</td>
            <td>
              <A href="${vol}/thread.html">[ Thread ]</a>
              <A href="${vol}/subject.html">[ Subject ]</a>
              <A href="${vol}/author.html">[ Author ]</a>
              <A href="${vol}/date.html">[ Date ]</a>
            </td>
            <td><A href="${m.file}">[ ${m.gzip ? "Gzip'd Text" : 'Text'}${mailmanSize(m.size)}]</a></td>
            </tr>
`;
    })
    .join('');
  const raw = page.mboxSize === undefined ? '.' : `\n      or you can <a href="../${page.list}.mbox/${page.list}.mbox">download the full raw archive</a>\n      (${mailmanSize(page.mboxSize).trim()}).`;
  const listing = page.months.length
    ? `
	<table border=3>
          <tr><td>Archive</td>
          <td>View by:</td>
          <td>Downloadable version</td></tr>
${rows}
	</table>
`
    : '\n     <P>Currently, there are no archives. </P>\n';
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
  <HEAD>
     <title>The ${escapeHtml(page.realName)} Archives</title>
     <META NAME="robots" CONTENT="noindex,follow">
     <META http-equiv="Content-Type" content="text/html; charset=us-ascii">
  </HEAD>
  <BODY BGCOLOR="#ffffff">
     <h1>The ${escapeHtml(page.realName)} Archives </h1>
     <p>
      You can get <a href="${page.listinfo}">more information about this list</a>${raw}
     </p>
     ${listing}
     </BODY>
     </HTML>
`;
}

export interface MonthEntry {
  subject: string;
  author: string;
  /** Unix seconds. */
  date: number;
}

/** `/pipermail/<list>/YYYY-Month/<view>.html`: the month's messages as pipermail lists them. */
export function pipermailMonthPage(realName: string, month: string, view: 'thread' | 'subject' | 'author' | 'date', entries: readonly MonthEntry[]): string {
  const sorted = [...entries].map((e, i) => ({ ...e, n: i }));
  if (view === 'subject') sorted.sort((a, b) => a.subject.localeCompare(b.subject) || a.n - b.n);
  else if (view === 'author') sorted.sort((a, b) => a.author.localeCompare(b.author) || a.n - b.n);
  else if (view === 'date') sorted.sort((a, b) => a.date - b.date || a.n - b.n);
  const items = sorted.map((e) => `<LI><A HREF="${String(e.n).padStart(6, '0')}.html">${escapeHtml(e.subject)}\n</A><A NAME="${e.n}">&nbsp;</A>\n<I>${escapeHtml(e.author)}\n</I>`).join('\n');
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
  <HEAD>
     <title>The ${escapeHtml(realName)} ${label(month)} Archive by ${view}</title>
     <META NAME="robots" CONTENT="noindex,follow">
     <META http-equiv="Content-Type" content="text/html; charset=utf-8">
  </HEAD>
  <BODY BGCOLOR="#ffffff">
      <a name="start"></A>
      <h1>${label(month)} Archives by ${view}</h1>
      <b>Messages:</b> ${entries.length}<p>
     <ul>
${items}
    </ul>
</body></html>
`;
}

export interface HyperkittyList {
  name: string;
  displayName: string;
  description: string;
  subjectPrefix: string;
  createdAt: number;
}

/** The REST API's list object (hyperkitty/api/mailinglist.py, MailingListSerializer). */
export function hyperkittyListJson(base: string, l: HyperkittyList): Record<string, string> {
  const api = `${base}/archives/api/list/${l.name}/`;
  return {
    url: api,
    name: l.name,
    display_name: l.displayName,
    description: l.description,
    subject_prefix: l.subjectPrefix,
    archive_policy: 'public',
    created_at: new Date(l.createdAt * 1000).toISOString().replace('.000Z', 'Z'),
    threads: `${api}threads/`,
    emails: `${api}emails/`,
  };
}

/** `/archives/api/lists/`: Django REST framework's limit/offset page. */
export function hyperkittyListsPage(base: string, lists: readonly HyperkittyList[], limit: number, offset: number): Record<string, unknown> {
  const page = lists.slice(offset, offset + limit);
  const link = (o: number) => `${base}/archives/api/lists/?limit=${limit}&offset=${o}`;
  return {
    count: lists.length,
    next: offset + limit < lists.length ? link(offset + limit) : null,
    previous: offset > 0 ? (offset - limit <= 0 ? `${base}/archives/api/lists/?limit=${limit}` : link(offset - limit)) : null,
    results: page.map((l) => hyperkittyListJson(base, l)),
  };
}
