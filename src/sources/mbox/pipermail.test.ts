import { describe, expect, it } from 'vitest';
import { archivesSince, parseArchiveIndex } from './pipermail.ts';

const page = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML><BODY>
<table border=3>
  <tr><td>March 2019:</td>
      <td><A href="2019-March/thread.html">[ Thread ]</a><A href="2019-March/date.html">[ Date ]</a></td>
      <td><A href="2019-March.txt.gz">[ Gzip'd Text 12 KB ]</a></td></tr>
  <tr><td>February 2019:</td>
      <td><A HREF="2019-February.txt">[ Text 3 KB ]</a></td></tr>
  <tr><td>December 2018:</td>
      <td><a href='2018-December.txt.gz?x=1'>[ Gzip'd Text ]</a> <a href="2018-December.txt.gz">again</a></td></tr>
  <!-- <a href="2017-January.txt">commented out</a> -->
  <tr><td><a href="2018-Smarch.txt">not a month</a> <a href="listinfo">info</a> <a href="2018-December/">folder</a></td></tr>
</table></BODY></HTML>`;

describe('parseArchiveIndex', () => {
  it('finds the month archives of a pipermail index, oldest first, once each', () => {
    expect(parseArchiveIndex(page, 'https://lists.example.org/pipermail/dev/')).toEqual([
      { href: '2018-December.txt.gz', url: 'https://lists.example.org/pipermail/dev/2018-December.txt.gz', year: 2018, month: 12, format: 'pipermail', compression: 'gzip' },
      { href: '2019-February.txt', url: 'https://lists.example.org/pipermail/dev/2019-February.txt', year: 2019, month: 2, format: 'pipermail', compression: undefined },
      { href: '2019-March.txt.gz', url: 'https://lists.example.org/pipermail/dev/2019-March.txt.gz', year: 2019, month: 3, format: 'pipermail', compression: 'gzip' },
    ]);
    expect(parseArchiveIndex(page).map((l) => l.url)).toEqual([undefined, undefined, undefined]);
  });

  it("finds mod_mbox's monthly mboxes, without /thread", () => {
    const modMbox = '<table><tr><td><a href="201604.mbox/thread">Thread</a> <a href="201604.mbox/date">Date</a></td></tr><tr><td><a href="201513.mbox/thread">bad</a><a href="/archives/dev/201511.mbox/thread">Thread</a></td></tr></table>';
    expect(parseArchiveIndex(modMbox, 'https://mail.example.org/mod_mbox/dev/').map((l) => [l.href, l.url, l.year, l.month, l.format])).toEqual([
      ['/archives/dev/201511.mbox', 'https://mail.example.org/archives/dev/201511.mbox', 2015, 11, 'mod_mbox'],
      ['201604.mbox', 'https://mail.example.org/mod_mbox/dev/201604.mbox', 2016, 4, 'mod_mbox'],
    ]);
  });

  it('returns nothing for a page without archive links', () => {
    expect(parseArchiveIndex('<p>No archives yet</p>')).toEqual([]);
    expect(parseArchiveIndex('')).toEqual([]);
  });
});

describe('archivesSince', () => {
  it('keeps the month of the cursor and later', () => {
    const links = parseArchiveIndex(page);
    expect(archivesSince(links, '2019-02-14T10:00:00Z').map((l) => l.href)).toEqual(['2019-February.txt', '2019-March.txt.gz']);
    expect(archivesSince(links, undefined)).toHaveLength(3);
    expect(archivesSince(links, '2020-01-01T00:00:00Z')).toEqual([]);
  });
});
