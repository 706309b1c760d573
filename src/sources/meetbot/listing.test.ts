import { describe, expect, it } from 'vitest';
import { parseListing } from './listing.ts';

const APACHE = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html><head><title>Index of /meetings/nova/2024</title></head><body>
<h1>Index of /meetings/nova/2024</h1>
<table>
<tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th></tr>
<tr><th colspan="4"><hr></th></tr>
<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/meetings/nova/">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td></tr>
<tr><td valign="top"><img src="/icons/text.gif" alt="[TXT]"></td><td><a href="nova.2024-01-11-14.00.log.txt">nova.2024-01-11-14.00.log.txt</a></td><td align="right">2024-01-11 14:59  </td><td align="right"> 12K</td></tr>
<tr><td valign="top"><img src="/icons/text.gif" alt="[TXT]"></td><td><a href="nova.2024-01-11-14.00.txt">nova.2024-01-11-14.00.txt</a></td><td align="right">2024-01-11 14:59  </td><td align="right">3.1K</td></tr>
</table></body></html>`;

const NGINX = `<html>
<head><title>Index of /meetings/</title></head>
<body>
<h1>Index of /meetings/</h1><hr><pre><a href="../">../</a>
<a href="nova/">nova/</a>                                              11-Jan-2024 14:59                   -
<a href="oslo%20team/">oslo team/</a>                                         04-Mar-2025 16:01                   -
<a href="README.txt">README.txt</a>                                         01-Jan-2020 00:00                 120
</pre><hr></body>
</html>`;

describe('parseListing', () => {
  it('reads an Apache fancy index: files with their date and size, no sorting or parent links', () => {
    const entries = parseListing(APACHE, 'https://m.example/meetings/nova/2024/');
    expect(entries).toEqual([
      { name: 'nova.2024-01-11-14.00.log.txt', url: 'https://m.example/meetings/nova/2024/nova.2024-01-11-14.00.log.txt', dir: false, stamp: '2024-01-11 14:59 12K' },
      { name: 'nova.2024-01-11-14.00.txt', url: 'https://m.example/meetings/nova/2024/nova.2024-01-11-14.00.txt', dir: false, stamp: '2024-01-11 14:59 3.1K' },
    ]);
  });

  it('reads an nginx <pre> index: folders, decoded names, the row text up to its newline', () => {
    const entries = parseListing(NGINX, 'https://m.example/meetings');
    expect(entries.map((e) => [e.name, e.dir, e.stamp])).toEqual([
      ['nova', true, '11-Jan-2024 14:59 -'],
      ['oslo team', true, '04-Mar-2025 16:01 -'],
      ['README.txt', false, '01-Jan-2020 00:00 120'],
    ]);
    expect(entries[1]!.url).toBe('https://m.example/meetings/oslo%20team/');
  });

  it('leaves out links outside the folder, deeper paths, other hosts and fragments', () => {
    const html = '<a href="https://other.example/meetings/x/">x</a><a href="/elsewhere/">e</a><a href="a/b/">deep</a><a href="#top">top</a><a href="./">self</a><a href="ok/">ok</a>';
    expect(parseListing(html, 'https://m.example/meetings/').map((e) => e.name)).toEqual(['ok']);
  });
});
