/**
 * `tsx src/sources/mbox/bench.ts [N]`: N synthetic messages (100,000 by default) as one mbox
 * buffer, split, parsed and threaded the way a sync would (each message reduced to its
 * threading summary once parsed, so only the summaries stay in memory); prints one JSON line
 * of figures. `scripts/bench/mbox.ts` runs it in a fresh process to measure its peak RSS (scripts
 * may not import an upstream folder, see test/architecture.test.ts). Target: 100k messages in
 * < 60 s and < 1 GB.
 */
import { fileURLToPath } from 'node:url';
import { MessageParseError, parseRawMessage } from './parse.ts';
import { splitMbox } from './split.ts';
import { threadMessages, type ThreadInput } from './thread.ts';

const WORDS = 'the scheduler patch review timeout volume release branch meeting notes proposal test failure build cache driver network storage api version config please thanks agree disagree question answer'.split(' ');

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  return `${out.join(' ')}.`;
}

function asctime(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()}`;
}

/**
 * `n` messages as an mbox: a quarter start threads, the rest reply with References (one in ten
 * of the replies without, for the subject fallback); bodies in plain ASCII, undeclared latin1,
 * quoted-printable UTF-8, HTML-only and with a small attachment, about 1.5 KB on average.
 */
export function syntheticMbox(n: number, seed = 1): Buffer {
  let s = seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const chunks: Buffer[] = [];
  const threads: { subject: string; ids: string[] }[] = [];
  let t = Date.UTC(2010, 0, 1);
  for (let i = 0; i < n; i++) {
    t += Math.floor(rand() * 600_000);
    const id = `<${i}.${t}@synthetic.example.org>`;
    const user = `user${i % 997}`;
    let subject: string;
    let refs = '';
    if (threads.length === 0 || rand() < 0.25) {
      subject = `${sentence(rand, 4).slice(0, -1)} ${i}`;
      threads.push({ subject, ids: [id] });
      if (threads.length > 200) threads.shift();
    } else {
      const th = threads[Math.floor(rand() * threads.length)]!;
      subject = `Re: ${th.subject}`;
      if (rand() > 0.1) {
        const parent = th.ids[Math.floor(rand() * th.ids.length)]!;
        refs = `In-Reply-To: ${parent}\nReferences: ${th.ids[0]}${parent === th.ids[0] ? '' : ` ${parent}`}\n`;
      }
      th.ids.push(id);
    }
    const head = `From ${user}@example.org ${asctime(t)}\nFrom: User ${i % 997} <${user}@example.org>\nTo: dev@lists.example.org\nSubject: [dev] ${subject}\nDate: ${new Date(t).toUTCString().replace('GMT', '+0000')}\nMessage-ID: ${id}\n${refs}List-Id: Developers <dev.lists.example.org>\n`;
    const paragraphs = Array.from({ length: 2 + Math.floor(rand() * 6) }, () => sentence(rand, 12 + Math.floor(rand() * 20))).join('\n\n');
    const kind = rand();
    let body: Buffer;
    if (kind < 0.7) body = Buffer.from(`${head}\n${paragraphs}\n\nOn some day, someone wrote:\n> ${sentence(rand, 10)}\n> ${sentence(rand, 10)}\n\n-- \nUser ${i % 997}\n\n`);
    else if (kind < 0.8) body = Buffer.from(`${head}\n${paragraphs}\nGr\xfc\xdfe, caf\xe9.\n\n`, 'latin1');
    else if (kind < 0.9) body = Buffer.from(`${head}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n${paragraphs.replace(/\.$/, ' caf=C3=A9 na=C3=AFve.')}\n\n`);
    else if (kind < 0.95) body = Buffer.from(`${head}MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b${i}"\n\n--b${i}\nContent-Type: text/html; charset=utf-8\n\n<html><body>${paragraphs.split('\n\n').map((p) => `<p>${p} <b>bold</b> <a href="https://example.org/${i}">link</a></p>`).join('')}</body></html>\n--b${i}--\n\n`);
    else body = Buffer.from(`${head}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="m${i}"\n\n--m${i}\nContent-Type: text/plain; charset=us-ascii\n\n${paragraphs}\n--m${i}\nContent-Type: application/octet-stream; name="data${i}.bin"\nContent-Disposition: attachment; filename="data${i}.bin"\nContent-Transfer-Encoding: base64\n\n${Buffer.alloc(600, i % 251).toString('base64').replace(/.{76}/g, '$&\n')}\n--m${i}--\n\n`);
    chunks.push(body);
  }
  return Buffer.concat(chunks);
}

export interface MboxBenchFigures {
  messages: number;
  errors: number;
  megabytes: number;
  splitParseSeconds: number;
  threadSeconds: number;
  messagesPerSecond: number;
  threads: number;
  peakRssMiB: number;
}

/** Splits, parses and threads `buf`, keeping only the threading summaries. */
export async function runBench(buf: Uint8Array): Promise<MboxBenchFigures> {
  const started = performance.now();
  const summaries: ThreadInput[] = [];
  let errors = 0;
  for (const raw of splitMbox(buf)) {
    const m = await parseRawMessage(raw);
    if (m instanceof MessageParseError) errors++;
    else summaries.push({ messageId: m.messageId, inReplyTo: m.inReplyTo, references: m.references, subject: m.subject, date: m.date });
  }
  const parsed = performance.now();
  const { threads } = threadMessages(summaries);
  const threaded = performance.now();
  const seconds = (threaded - started) / 1000;
  return {
    messages: summaries.length,
    errors,
    megabytes: Math.round(buf.length / 1e5) / 10,
    splitParseSeconds: Math.round((parsed - started) / 100) / 10,
    threadSeconds: Math.round((threaded - parsed) / 100) / 10,
    messagesPerSecond: Math.round(summaries.length / seconds),
    threads: threads.length,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = Number(process.argv[2] ?? 100_000);
  console.log(JSON.stringify(await runBench(syntheticMbox(n))));
}
