import type { Progress } from '../sources/types.ts';

export interface ProgressSink {
  update(source: string, p: Progress): void;
  end(): void;
}

function rate(done: number, seconds: number): string {
  return seconds > 0 ? `${(done / seconds).toFixed(1)}/s` : '';
}

function eta(done: number, total: number | undefined, seconds: number): string {
  if (!total || done === 0 || done >= total) return '';
  const left = ((total - done) * seconds) / done;
  return `ETA ${left < 90 ? `${Math.round(left)}s` : `${Math.round(left / 60)}min`}`;
}

/**
 * On a terminal: one line rewritten in place. Elsewhere (CI, pipes): a plain
 * line at most every `intervalMs`, so logs stay readable.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now, intervalMs = 5000): ProgressSink {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  const started = new Map<string, number>();
  let lastPlain = 0;
  let drawn = false;
  return {
    update(source, p) {
      const t = now();
      if (!started.has(source)) started.set(source, t);
      const secs = (t - (started.get(source) ?? t)) / 1000;
      const parts = [`${source}:`, `${p.done}${p.total ? `/${p.total}` : ''} items`, rate(p.done, secs), eta(p.done, p.total, secs), p.note ? `(${p.note})` : ''];
      const line = parts.filter(Boolean).join(' ');
      if (tty) {
        stream.write(`\r\x1b[K${line}`);
        drawn = true;
      } else if (t - lastPlain >= intervalMs) {
        stream.write(`${line}\n`);
        lastPlain = t;
      }
    },
    end() {
      if (tty && drawn) stream.write('\r\x1b[K');
    },
  };
}
