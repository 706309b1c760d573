/**
 * The files a meeting bot writes for a meeting (meetbot.ts), byte for byte in MeetBot 0.1.4's
 * layout: `.log.txt` (the raw log), `.log.html` (the log in a <pre>, one `l-N` anchor a line),
 * `.txt` (plain-text minutes, wrapped at 72 columns by Python's textwrap) and `.html` (the HTML2
 * minutes writer); and meetingology's `.moin.txt` minutes and its `.log.html`. OpenDev's
 * ISO-timestamp raw log is `isoLog`.
 *
 * What MeetBot escapes is kept as it is: `&`, `<` and `>` in user text, nothing in the page title,
 * and a #link's URL goes into `href` unchecked (a `javascript:` link stays one). The stylesheets
 * are short ones of our own with MeetBot's class names; nothing reads them.
 */
import { MEETINGOLOGY_INFO, codepoint, hms, type LoggedLine, type MeetBotSession, type MinuteItem } from './meetbot.ts';
import { wrapList, pyFill } from './pytextwrap.ts';

const MEETBOT_INFO = 'http://wiki.debian.org/MeetBot';
const VERSION = '0.1.4';
const MEETINGOLOGY_VERSION = '0.4.0';

/** MeetBot's html(): only &, < and >. */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const LOG_CSS = `<style type="text/css">
/* The log: time, nick, /me lines, highlights and #commands. */
pre { white-space: pre-wrap; }
body { background: #f4f4f4; }
body .tm { color: #00603a }
body .nk { color: #1a2f7a; font-weight: bold }
body .nka { color: #00603a; font-weight: bold }
body .ac { color: #009000 }
body .hi { color: #3a6a9a }
body .topic, body .cmd { color: #00603a; font-weight: bold }
body .topicline { color: #00007a; font-weight: bold }
body .cmdline { font-weight: bold }

</style>
`;

const MINUTES_CSS = `<style type="text/css">
/* The minutes: item types and the (nick, time) details. */
body { font-family: Helvetica, sans-serif; font-size: 14px; }
h1 { text-align: center; }
a { color: navy; text-decoration: none; border-bottom: 1px dotted navy; }
.details { font-size: 12px; font-weight: bold; }
.itemtype { font-style: normal; font-weight: bold; }

</style>
`;

function internalLine(l: LoggedLine): string {
  return l.action ? `${hms(l.t)} * ${l.nick} ${l.text}` : `${hms(l.t)} <${l.nick}> ${l.text}`;
}

/** `.log.txt`: MeetBot's lines joined by newlines, no newline after the last. */
export function textLog(s: MeetBotSession): string {
  return s.lines.map(internalLine).join('\n');
}

export interface LogEvent {
  t: number;
  /** e.g. `maya is now known as maya_` (the channel logger's `***` lines, which the bot never sees). */
  text: string;
}

function isoTime(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 19);
}

/** OpenDev's raw log: `2024-01-09T16:00:05  <nick> text`, with the channel logger's `***` events. */
export function isoLog(s: MeetBotSession, events: readonly LogEvent[] = []): string {
  // The channel logger writes an event at second t before the bot's lines of that second.
  const rows = [
    ...events.map((e, i) => ({ t: e.t, kind: 0, i, text: `${isoTime(e.t)}  *** ${e.text}` })),
    ...s.lines.map((l, i) => ({ t: l.t, kind: 1, i, text: l.action ? `${isoTime(l.t)}  * ${l.nick} ${l.text}` : `${isoTime(l.t)}  <${l.nick}> ${l.text}` })),
  ];
  rows.sort((a, b) => a.t - b.t || a.kind - b.kind || a.i - b.i);
  return rows.map((r) => r.text).join('\n') + '\n';
}

/** One log line's HTML, as HTMLlog2's regular expressions cut it. */
function logLineBody(l: LoggedLine): string {
  if (l.action) return `<span class="nka">* ${html(l.nick)}</span> <span class="ac">${html(l.text)}</span>`;
  const line = l.text;
  const nick = `<span class="nk"> &lt;${html(l.nick)}&gt;</span> `;
  let m = /^(#topic[ \t\f\v]*)(.*)$/.exec(line);
  if (m) return `${nick}<span class="topic">${html(m[1]!)}</span><span class="topicline">${html(m[2]!)}</span>`;
  m = /^(#[^\s]+[ \t\f\v]*)(.*)$/.exec(line);
  if (m) return `${nick}<span class="cmd">${html(m[1]!)}</span><span class="cmdline">${html(m[2]!)}</span>`;
  m = /^([^\s]+:)( .*)$/.exec(line);
  if (m) return `${nick}<span class="hi">${html(m[1]!)}</span>${html(m[2]!)}`;
  return nick + html(line);
}

/** `.log.html` as MeetBot 0.1.4 writes it. Action lines keep the space the time regex swallows. */
export function htmlLog(s: MeetBotSession): string {
  const lines = s.lines.map((l, i) => `<a name="l-${i + 1}"></a><span class="tm">${hms(l.t)}${l.action ? ' ' : ''}</span>${logLineBody(l)}`);
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-type" content="text/html;charset=UTF-8">
<title>${html(s.options.channel)} log</title>
${LOG_CSS}</head>

<body>
<pre>${lines.join('\n')}</pre>
</body></html>
`;
}

/** meetingology's `.log.html`: said lines carry `href` and `name` on one anchor around the time. */
export function meetingologyLog(s: MeetBotSession): string {
  const lines = s.lines.map((l, i) =>
    l.action
      ? `<a name="l-${i + 1}"></a><span class="tm">${hms(l.t)} </span>${logLineBody(l)}`
      : `<a href="#l-${i + 1}" name="l-${i + 1}"><span class="tm">${hms(l.t)}</span></a>${logLineBody(l)}`,
  );
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>${html(s.options.channel)} log</title>
${LOG_CSS}
</head>

<body>
<pre>${lines.join('\n')}</pre>
</body>
</html>
`;
}

function pageTitle(s: MeetBotSession): string {
  return s.meetingTopic ? `${s.options.channel}: ${s.meetingTopic}` : `${s.options.channel} Meeting`;
}

function finished(s: MeetBotSession): { start: number; end: number; owner: string } {
  if (s.start === undefined || s.end === undefined || s.owner === undefined) throw new Error(`meetbot: ${s.options.channel} has no minutes before #endmeeting`);
  return { start: s.start, end: s.end, owner: s.owner };
}

/** Attendees by lines said, most first; ties by nick (Python 2's dict order is arbitrary). */
export function peopleByLines(s: MeetBotSession): [string, number][] {
  return [...s.attendees].sort((a, b) => b[1] - a[1] || codepoint(a[0], b[0]));
}

function sortedNicks(s: MeetBotSession): string[] {
  return [...s.attendees.keys()].sort((a, b) => codepoint(a.toLowerCase(), b.toLowerCase()));
}

const escapeRe = (t: string): string => t.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** HTML2's and meetingology's owner test: the nick as a word, any case. */
export function namesNick(line: string, nick: string): boolean {
  return new RegExp(`\\b${escapeRe(nick)}\\b`, 'i').test(line);
}

const actions = (s: MeetBotSession): MinuteItem[] => s.minutes.filter((m) => m.type === 'ACTION');

function itemText(m: MinuteItem): string {
  const who = `  (${m.nick}, ${m.time})`;
  if (m.type === 'TOPIC' || m.type === 'INFO') return m.line + who;
  // 0.1.4's text writer prints a link's whole line; only the HTML one splits it.
  if (m.type === 'LINK') return `LINK: ${m.line}${who}`;
  return `${m.type}: ${m.line}${who}`;
}

function itemHtml(m: MinuteItem, logName: string): string {
  const details = `<span class="details">(<a href='${logName}#l-${m.linenum}'>${html(m.nick)}</a>, ${m.time})</span>`;
  if (m.type === 'TOPIC') return `<b class="TOPIC">${html(m.line)}</b> ${details}`;
  if (m.type === 'INFO') return `<span class="INFO">${html(m.line)}</span> ${details}`;
  if (m.type === 'LINK') return `${html(m.prefix!)}<a href="${html(m.url!.replace(/"/g, '%22'))}">${html(m.url!)}</a>${html(m.suffix!)} ${details}`;
  return `<i class="itemtype">${m.type}</i>: <span class="${m.type}">${html(m.line)}</span> ${details}`;
}

/** `.txt`: MeetBot 0.1.4's plain-text minutes. */
export function textMinutes(s: MeetBotSession): string {
  const { start, end, owner } = finished(s);
  const title = pageTitle(s);
  const bar = '='.repeat([...title].length);
  const items: string[] = [];
  let haveTopic = false;
  for (const m of s.minutes) {
    if (m.type === 'TOPIC') {
      if (haveTopic) items.push('');
      haveTopic = true;
      items.push(wrapList(`* ${itemText(m)}`, 0));
    } else items.push(wrapList(`* ${itemText(m)}`, haveTopic ? 2 : 0));
  }
  const acts = actions(s);
  // The text writer finds an owner by plain substring, case and all.
  const assigned = new Set<MinuteItem>();
  const byPerson: string[] = [];
  for (const nick of sortedNicks(s)) {
    const mine = acts.filter((m) => m.line.includes(nick));
    if (!mine.length) continue;
    byPerson.push(`* ${nick}`, ...mine.map((m) => wrapList(`* ${m.line}`, 2)));
    for (const m of mine) assigned.add(m);
  }
  const unassigned = acts.filter((m) => !assigned.has(m));
  byPerson.push('* **UNASSIGNED**', ...(unassigned.length ? unassigned.map((m) => wrapList(`* ${m.line}`, 2)) : ['  * (none)']));
  const started = pyFill(`Meeting started by ${owner} at ${hms(start)} UTC. The full logs are available at ${s.url}.log.html .`);
  const section = (name: string, body: string) => `${name}\n${'-'.repeat(name.length)}\n${body}`;
  const gap = '\n\n\n\n\n';
  return (
    `${bar}\n${title}\n${bar}\n\n\n${started}\n\n\n\n` +
    `${section('Meeting summary', items.join('\n'))}\n\nMeeting ended at ${hms(end)} UTC.${gap}` +
    `${section('Action Items', acts.map((m) => wrapList(`* ${m.line}`, 0)).join('\n'))}${gap}` +
    `${section('Action Items, by person', byPerson.join('\n'))}${gap}` +
    `${section('People Present (lines said)', peopleByLines(s).map(([n, c]) => `* ${n} (${c})`).join('\n'))}${gap}` +
    `Generated by \`MeetBot\`_ ${VERSION}\n\n.. _\`MeetBot\`: ${MEETBOT_INFO}\n`
  );
}

function htmlSummary(s: MeetBotSession, logName: string): string {
  const out = ['<h3>Meeting summary</h3>', '<ol>'];
  let haveTopic = false;
  let inSublist = false;
  for (const m of s.minutes) {
    const item = `<li>${itemHtml(m, logName)}`;
    if (m.type === 'TOPIC') {
      if (inSublist) out.push('</ol>');
      inSublist = false;
      if (haveTopic) out.push('<br></li>');
      haveTopic = true;
      out.push(item);
      continue;
    }
    if (!inSublist) {
      if (!haveTopic) out.push('<li>');
      haveTopic = true;
      out.push('<ol type="a">');
      inSublist = true;
    }
    out.push(`${wrapList(item, 2)}</li>`);
  }
  if (inSublist) out.push('</ol>');
  if (haveTopic) out.push('</li>');
  out.push('</ol>');
  return out.join('\n');
}

function htmlActionsByPerson(s: MeetBotSession): string | undefined {
  const acts = actions(s);
  const out = ['<h3>Action items, by person</h3>', '<ol>'];
  const assigned = new Set<MinuteItem>();
  for (const nick of sortedNicks(s)) {
    const mine = acts.filter((m) => namesNick(m.line, nick));
    if (!mine.length) continue;
    out.push(`  <li> ${html(nick)} <ol>`, ...mine.map((m) => `    <li>${html(m.line)}</li>`), '  </ol></li>');
    for (const m of mine) assigned.add(m);
  }
  if (!assigned.size) return undefined;
  const unassigned = acts.filter((m) => !assigned.has(m));
  // HTML2 lists the unassigned ones only when there are two or more (a MeetBot quirk kept here).
  if (unassigned.length > 1) out.push('  <li><b>UNASSIGNED</b><ol>', ...unassigned.map((m) => `    <li>${html(m.line)}</li>`), '  </ol>\n</li>');
  out.push('</ol>');
  return out.join('\n');
}

/** `.html`: MeetBot 0.1.4's HTML2 minutes. */
export function htmlMinutes(s: MeetBotSession): string {
  const { start, end, owner } = finished(s);
  const title = pageTitle(s);
  const logName = `${s.basename}.log.html`;
  const acts = actions(s);
  const parts = [
    `<h1>${title}</h1>\n<span class="details">\nMeeting started by ${owner} at ${hms(start)} UTC\n(<a href="${logName}">full logs</a>).</span>\n`,
    htmlSummary(s, logName),
    `<span class="details">\nMeeting ended at ${hms(end)} UTC\n(<a href="${logName}">full logs</a>).</span>\n`,
    ['<h3>Action items</h3>', '<ol>', ...(acts.length ? acts.map((m) => `  <li>${html(m.line)}</li>`) : ['  <li>(none)</li>']), '</ol>'].join('\n'),
    htmlActionsByPerson(s),
    ['<h3>People present (lines said)</h3>', '<ol>', ...peopleByLines(s).map(([n, c]) => `  <li>${html(n)} (${c})</li>`), '</ol>'].join('\n'),
    `<span class="details">Generated by <a href="${MEETBOT_INFO}">MeetBot</a> ${VERSION}.</span>`,
  ].filter((p): p is string => p !== undefined);
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-type" content="text/html;charset=UTF-8">
<title>${title}</title>
${MINUTES_CSS}</head>

<body>
${parts.join('\n<br><br>\n\n\n\n')}
</body></html>
`;
}

function moinTitle(s: MeetBotSession): string {
  if (!s.meetingTopic) return `${s.options.channel} meeting`;
  return `${s.options.channel}: ${s.meetingTopic}${s.meetingTopic.toLowerCase().includes('meeting') ? '' : ' meeting'}`;
}

function moinItem(m: MinuteItem): string {
  const short = m.time.slice(0, 5);
  if (m.type === 'TOPIC') return `=== ${m.line} ===\nThe discussion about "${m.line}" started at ${short}.\n`;
  if (m.type === 'INFO') return ` * ${m.line}`;
  if (m.type === 'LINK') return ` * ''LINK:'' ${m.prefix}${m.url}${m.suffix}`;
  return ` * ''${m.type}:'' ${m.line}`;
}

/** meetingology's `.moin.txt` minutes (MoinMoin wiki markup). */
export function moinMinutes(s: MeetBotSession): string {
  const { start, end, owner } = finished(s);
  const d = new Date(start * 1000);
  const day = `${String(d.getUTCDate()).padStart(2, '0')} ${d.toUTCString().slice(8, 11)}`;
  const logUrl = `${s.url}.log.html`;
  const heading = (name: string) => `== ${name} ==\n`;
  const parts: (string | undefined)[] = [];
  parts.push(`== Meeting information ==\n\n * ${moinTitle(s)}, started by ${owner}, ${day} at ${hms(start).slice(0, 5)} &mdash; ${hms(end).slice(0, 5)} UTC.\n * Full logs at [[${logUrl}]]`);
  parts.push([heading('Meeting summary'), ...s.minutes.flatMap((m, i) => (m.type === 'TOPIC' && s.minutes.slice(0, i).some((p) => p.type === 'TOPIC') ? ['', moinItem(m)] : [moinItem(m)]))].join('\n'));
  if (s.votes.length) {
    const rows = s.votes.flatMap((v) => {
      const [yes, no, abstain] = ['+1', '-1', '+0'].map((o) => [...v.ballots.values()].filter((b) => b === o).length);
      return [` * [[${logUrl}#${v.linenum}|${v.question}]]`, `  * ${v.result ?? ''} (For/Against/Abstained ${yes}/${no}/${abstain})`, ...(v.ballots.size ? [`   * Voters: ${[...v.ballots.keys()].join(', ')}`] : [])];
    });
    parts.push([heading('Vote results'), ...rows].join('\n'));
  }
  const acts = actions(s);
  const byPerson: string[] = [];
  const assigned = new Set<MinuteItem>();
  for (const nick of sortedNicks(s)) {
    const mine = acts.filter((m) => namesNick(m.line, nick));
    if (!mine.length) continue;
    byPerson.push(` * ${nick}`, ...mine.map((m) => `  * ${m.line}`));
    for (const m of mine) assigned.add(m);
  }
  if (byPerson.length) {
    const unassigned = acts.filter((m) => !assigned.has(m));
    if (unassigned.length) byPerson.push(' * **UNASSIGNED**', ...unassigned.map((m) => `  * ${m.line}`));
    parts.push([heading('Action items, by person'), ...byPerson].join('\n'));
  }
  parts.push([heading('People present (lines said)'), ...peopleByLines(s).map(([n, c]) => ` * ${n} (${c})`)].join('\n'));
  parts.push(`Generated by MeetBot ${MEETINGOLOGY_VERSION} (${MEETINGOLOGY_INFO})`);
  return parts.filter((p): p is string => p !== undefined).join('\n\n\n\n');
}
