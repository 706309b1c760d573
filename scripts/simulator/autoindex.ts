/**
 * Directory listings as web servers generate them, for the meetbot simulator:
 *
 *   Apache mod_autoindex with `IndexOptions FancyIndexing HTMLTable`: a table with an icon
 *   column, Name / Last modified / Size / Description headers that re-sort (`?C=N;O=D`), a
 *   "Parent Directory" row, dates as `YYYY-MM-DD HH:MM`, sizes as apr_strfsize prints them
 *   (`123 `, `4.5K`, ` 12K`, `1.2M`) and the server signature;
 *   nginx autoindex: a <pre> with `../`, names padded to 50 columns (longer ones cut to 47 and
 *   `..>`), dates as `dd-Mon-yyyy HH:MM`, exact sizes right-aligned in 19 columns, folders first,
 *   lines ending in CRLF.
 *
 * All times are UTC, as both servers print local time and the demo's server runs in UTC.
 */
export interface IndexEntry {
  name: string;
  dir: boolean;
  size: number;
  /** Unix seconds. */
  mtime: number;
}

export type AutoindexStyle = 'apache' | 'nginx';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const href = (e: IndexEntry) => encodeURIComponent(e.name) + (e.dir ? '/' : '');

/** apr_strfsize: four columns, K/M/G after 973 bytes. */
export function strfsize(size: number): string {
  if (size < 973) return `${String(size).padStart(3, ' ')} `;
  const units = 'KMGTPE';
  let n = size;
  for (let u = 0; ; u++) {
    let remain = n & 1023;
    n = Math.floor(n / 1024);
    if (n >= 973) continue;
    if (n < 9 || (n === 9 && remain < 973)) {
      remain = Math.floor((remain * 5 + 256) / 512);
      if (remain >= 10) {
        n++;
        remain = 0;
      }
      return `${n}.${remain}${units[u]}`;
    }
    if (remain >= 512) n++;
    return `${String(n).padStart(3, ' ')}${units[u]}`;
  }
}

export interface ApacheSort {
  column: 'N' | 'M' | 'S' | 'D';
  order: 'A' | 'D';
}

/** `C=M;O=D` (Apache separates with `;`, `&` works too); name ascending when absent or unknown. */
export function apacheSort(query: string): ApacheSort {
  const sort: ApacheSort = { column: 'N', order: 'A' };
  for (const part of query.replace(/^\?/, '').split(/[;&]/)) {
    const [k, v] = part.split('=');
    if (k === 'C' && v && 'NMSD'.includes(v) && v.length === 1) sort.column = v as ApacheSort['column'];
    if (k === 'O' && (v === 'A' || v === 'D')) sort.order = v;
  }
  return sort;
}

function apacheDate(t: number): string {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}  `;
}

const byName = (a: IndexEntry, b: IndexEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

// mod_autoindex keeps a folder's name with its slash, and compares names so.
const shownName = (e: IndexEntry) => e.name + (e.dir ? '/' : '');
const byShownName = (a: IndexEntry, b: IndexEntry) => (shownName(a) < shownName(b) ? -1 : shownName(a) > shownName(b) ? 1 : 0);

function apacheOrder(entries: readonly IndexEntry[], sort: ApacheSort): IndexEntry[] {
  const key = (a: IndexEntry, b: IndexEntry) => (sort.column === 'M' ? a.mtime - b.mtime : sort.column === 'S' ? (a.dir ? -1 : a.size) - (b.dir ? -1 : b.size) : 0) || byShownName(a, b);
  const sorted = [...entries].sort(key);
  return sort.order === 'D' ? sorted.reverse() : sorted;
}

/** The path a listing is titled with: Apache drops the trailing slash. */
const apacheTitle = (path: string) => (path.length > 1 ? path.replace(/\/$/, '') : path);

export function apacheIndex(path: string, entries: readonly IndexEntry[], query = '', server = 'Apache/2.4.58 (Ubuntu) Server at meetings.aurora.example Port 443'): string {
  const sort = apacheSort(query);
  const head = (column: ApacheSort['column'], label: string) => `<th><a href="?C=${column};O=${sort.column === column && sort.order === 'A' ? 'D' : 'A'}">${label}</a></th>`;
  const parent = path.replace(/[^/]+\/$/, '');
  const rows = apacheOrder(entries, sort).map((e) => {
    const icon = e.dir ? '<img src="/icons/folder.gif" alt="[DIR]">' : '<img src="/icons/text.gif" alt="[TXT]">';
    const size = e.dir ? '  - ' : strfsize(e.size);
    return `<tr><td valign="top">${icon}</td><td><a href="${href(e)}">${escapeHtml(e.name)}${e.dir ? '/' : ''}</a></td><td align="right">${apacheDate(e.mtime)}</td><td align="right">${size}</td><td>&nbsp;</td></tr>`;
  });
  const title = escapeHtml(apacheTitle(path));
  return [
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">',
    '<html>',
    ' <head>',
    `  <title>Index of ${title}</title>`,
    ' </head>',
    ' <body>',
    `<h1>Index of ${title}</h1>`,
    '  <table>',
    `   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th>${head('N', 'Name')}${head('M', 'Last modified')}${head('S', 'Size')}${head('D', 'Description')}</tr>`,
    '   <tr><th colspan="5"><hr></th></tr>',
    ...(path === '/' ? [] : [`<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="${escapeHtml(parent)}">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>`]),
    ...rows,
    '   <tr><th colspan="5"><hr></th></tr>',
    '</table>',
    `<address>${escapeHtml(server)}</address>`,
    '</body></html>',
    '',
  ].join('\n');
}

const NGINX_NAME = 50;

function nginxDate(t: number): string {
  const d = new Date(t * 1000);
  return `${pad2(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} `;
}

export function nginxIndex(path: string, entries: readonly IndexEntry[]): string {
  const CRLF = '\r\n';
  const sorted = [...entries].sort((a, b) => Number(b.dir) - Number(a.dir) || byName(a, b));
  const rows = sorted.map((e) => {
    const name = e.name + (e.dir ? '/' : '');
    const len = [...name].length;
    const shown = len > NGINX_NAME ? `${[...name].slice(0, NGINX_NAME - 3).join('')}..&gt;` : escapeHtml(name);
    const pad = len < NGINX_NAME ? ' '.repeat(NGINX_NAME - len) : '';
    const size = e.dir ? '                  -' : String(e.size).padStart(19, ' ');
    return `<a href="${href(e)}">${shown}</a>${pad} ${nginxDate(e.mtime)}${size}${CRLF}`;
  });
  const title = escapeHtml(path);
  return `<html>${CRLF}<head><title>Index of ${title}</title></head>${CRLF}<body>${CRLF}<h1>Index of ${title}</h1><hr><pre><a href="../">../</a>${CRLF}${rows.join('')}</pre><hr></body>${CRLF}</html>${CRLF}`;
}
