import { describe, expect, it } from 'vitest';
import { decodeLog, parseMeetbotFileName } from './files.ts';

describe('parseMeetbotFileName', () => {
  it('reads every output a meetbot publishes', () => {
    for (const output of ['log.txt', 'log.html', 'txt', 'html', 'moin.txt'] as const) {
      expect(parseMeetbotFileName(`nova.2024-01-11-14.00.${output}`)).toEqual({ meetingId: 'nova', stamp: '2024-01-11-14.00', start: '2024-01-11T14:00:00Z', output });
    }
  });

  it('keeps dots, dashes and underscores in the meeting id, and reads the last segment of a path or URL', () => {
    expect(parseMeetbotFileName('https://meetings.example.org/meetings/a_b/2024/a_b.c-d.2024-02-29-23.59.log.html')).toMatchObject({ meetingId: 'a_b.c-d', start: '2024-02-29T23:59:00Z', output: 'log.html' });
    expect(parseMeetbotFileName('x.2023-01-01-00.00.2024-01-01-10.30.txt')).toMatchObject({ meetingId: 'x.2023-01-01-00.00', stamp: '2024-01-01-10.30' });
  });

  it('refuses what is not a meetbot output', () => {
    for (const name of [
      'nova.2024-01-11-14.00.rst',
      'nova.2024-01-11-14.00.1.html',
      'nova.2024-01-11-14.00.mw.txt',
      'nova.2024-01-11.log.txt',
      '.2024-01-11-14.00.txt',
      '...2024-01-11-14.00.txt',
      'no va.2024-01-11-14.00.txt',
      'nova.2024-13-11-14.00.txt',
      'nova.2023-02-29-14.00.txt',
      'nova.2024-01-11-24.00.txt',
      'nova.2024-01-11-14.60.txt',
      'index.html',
      '',
    ]) {
      expect(parseMeetbotFileName(name), name).toBeUndefined();
    }
  });
});

describe('decodeLog', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it('reads UTF-8, drops a BOM and normalises line ends', () => {
    const text = new TextEncoder().encode('\uFEFF12:00:00 <a> Grüße\r\n12:00:01 <b> x\r12:00:02 <c> y\n');
    expect(decodeLog(text)).toEqual({ text: '12:00:00 <a> Grüße\n12:00:01 <b> x\n12:00:02 <c> y\n', guessed: false });
  });

  it('falls back to windows-1252 when the bytes are not UTF-8, and says so', () => {
    // "café €" in windows-1252: é = 0xE9, € = 0x80.
    expect(decodeLog(bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x80))).toEqual({ text: 'café €', guessed: true });
  });

  it('honours a UTF-16 BOM', () => {
    expect(decodeLog(bytes(0xff, 0xfe, 0x68, 0x00, 0x69, 0x00))).toEqual({ text: 'hi', guessed: false });
  });
});
