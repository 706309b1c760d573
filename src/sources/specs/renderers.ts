/**
 * The renderers of one sync: docutils for reStructuredText, the site's
 * pipeline for Markdown, made when first needed and closed at the end.
 * docutils is single-threaded Python and nearly all of a sync's time, so
 * RST specs go to up to RST_PROCESSES processes in turn (one per core, two at
 * most: Node and git need the machine too); the driver keeps a few renderings
 * in flight to use them. A failed rendering is an outcome, not an exception
 * (the spec is then shown as its source), except docutils missing altogether,
 * which stops the source with the fix.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { MarkdownRenderer } from './markdown.ts';
import { RenderError, type Rendered } from './rendered.ts';
import { DocutilsUnavailable, RstRenderer } from './rst.ts';

export const RST_PROCESSES = Math.max(1, Math.min(2, availableParallelism()));

export type RenderOutcome = Rendered | { error: string; source: string };

export class SpecRenderers {
  readonly #rst: RstRenderer[] = [];
  #md?: MarkdownRenderer;
  #turn = 0;
  #inFlight = 0;
  #busySince = 0;
  #busyMs = 0;
  #count = 0;

  constructor(private readonly processes = RST_PROCESSES) {}

  /** Specs rendered so far. */
  get count(): number {
    return this.#count;
  }

  /** Wall time with at least one rendering in flight, in seconds (renderings in parallel count once). */
  get seconds(): number {
    return (this.#busyMs + (this.#inFlight ? performance.now() - this.#busySince : 0)) / 1000;
  }

  /** docutils' version, once a process has said it is ready. */
  get docutilsVersion(): string | undefined {
    return this.#rst.find((r) => r.docutilsVersion)?.docutilsVersion;
  }

  /** The next docutils process in turn, started when first needed. */
  #nextRst(): RstRenderer {
    const at = this.#turn++ % this.processes;
    return (this.#rst[at] ??= new RstRenderer());
  }

  async render(text: string, path: string, format: 'rst' | 'markdown'): Promise<RenderOutcome> {
    if (this.#inFlight++ === 0) this.#busySince = performance.now();
    try {
      if (format === 'rst') return await this.#nextRst().render(text, path);
      return await (this.#md ??= new MarkdownRenderer()).render(text, path);
    } catch (err) {
      if (err instanceof DocutilsUnavailable) throw err;
      const reason = err instanceof RenderError ? err.message.replace(`${path}: `, '') : (err as Error).message;
      return { error: reason, source: text };
    } finally {
      this.#count++;
      if (--this.#inFlight === 0) this.#busyMs += performance.now() - this.#busySince;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#rst.map((r) => r.close()), this.#md?.close()]);
  }
}

/** `specs: 1 of 1000 specs rendered in 0.1 s (docutils 0.19); 999 kept their stored rendering`. */
export function renderSummary(id: string, renderers: Pick<SpecRenderers, 'count' | 'seconds' | 'docutilsVersion'>, total: number): string {
  const docutils = renderers.docutilsVersion;
  return `${id}: ${renderers.count} of ${total} specs rendered in ${renderers.seconds.toFixed(1)} s${docutils ? ` (docutils ${docutils})` : ''}; ${total - renderers.count} kept their stored rendering`;
}
