/**
 * reStructuredText specs rendered by docutils, the format's reference
 * implementation (see docs/notes/rst-renderer.md for why not pandoc).
 *
 * One Python process serves a whole sync: `rst_render.py` beside this file
 * reads one JSON line per document on stdin and answers one JSON line each,
 * in order, so a thousand specs pay Python's start-up once. The process is
 * started on the first `render`, restarted after a crash or a document that
 * takes too long (that document alone fails), and ended by `close()`. While no
 * document is waiting it does not keep Node's event loop alive.
 *
 * docutils comes from the system (Debian's python3-docutils, run by
 * /usr/bin/python3, not a pyenv `python3` on PATH); when it is missing every
 * render fails with `DocutilsUnavailable`, which names the install command.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sanitizeDocumentHtml } from '../../lib/sanitize.ts';
import { RenderError, type Rendered, type RenderedSection, type RenderedTocEntry } from './rendered.ts';

export { RenderError, type Rendered } from './rendered.ts';

/** Debian's Python, which sees Debian's python3-docutils. */
export const DEFAULT_PYTHON = '/usr/bin/python3';
export const DOCUTILS_INSTALL = 'sudo apt-get update && sudo apt-get install -y python3-docutils';
const SCRIPT = fileURLToPath(new URL('./rst_render.py', import.meta.url));
/** Exit status of rst_render.py when docutils cannot be imported. */
const EXIT_NO_DOCUTILS = 3;
const STDERR_KEPT = 4000;

/** The renderer cannot run at all (no Python, no docutils): not a problem of one spec. */
export class DocutilsUnavailable extends Error {
  override name = 'DocutilsUnavailable';
}

export interface RstRendererOptions {
  /** The Python to run (default /usr/bin/python3). */
  python?: string;
  /** How long one document may take before it fails and the process is restarted (default 30 s). */
  timeoutMs?: number;
}

interface Job {
  id: number;
  name: string;
  line: string;
  resolve(rendered: Rendered): void;
  reject(error: Error): void;
}

interface Answer {
  id?: number;
  ok?: boolean;
  error?: string;
  ready?: boolean;
  docutils?: string;
  fatal?: string;
  title?: string;
  html?: string;
  toc?: RenderedTocEntry[];
  sections?: RenderedSection[];
  intro?: string;
  warnings?: string[];
}

/** Renders RST documents one after the other in one docutils process (see the module comment). */
export class RstRenderer {
  readonly python: string;
  readonly timeoutMs: number;
  #child: ChildProcess | undefined;
  #ready = false;
  #queue: Job[] = [];
  #nextId = 1;
  #timer: NodeJS.Timeout | undefined;
  #unavailable: DocutilsUnavailable | undefined;
  #stderr = '';
  #starts = 0;
  #version: string | undefined;

  constructor(options: RstRendererOptions = {}) {
    this.python = options.python ?? DEFAULT_PYTHON;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** How many Python processes this renderer has started (one per sync unless one crashed or hung). */
  get processStarts(): number {
    return this.#starts;
  }

  /** Whether a Python process is running now. */
  get running(): boolean {
    return this.#child !== undefined;
  }

  /** docutils' version, once the process has said it is ready. */
  get docutilsVersion(): string | undefined {
    return this.#version;
  }

  /** Renders one document; `name` (its path) names it in errors and warnings and is the title when it has none. */
  render(text: string, name: string): Promise<Rendered> {
    if (this.#unavailable) return Promise.reject(this.#unavailable);
    return new Promise<Rendered>((resolve, reject) => {
      const id = this.#nextId++;
      const job: Job = { id, name, line: `${JSON.stringify({ id, name, text })}\n`, resolve, reject };
      this.#queue.push(job);
      if (!this.#child) this.#start();
      else {
        this.#send(this.#child, job);
        this.#hold(true);
      }
    });
  }

  /** Ends the process after the documents already given are rendered. A later `render` starts a new one. */
  async close(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.stdin?.end();
    this.#hold(true);
    const killer = setTimeout(() => child.kill('SIGKILL'), this.timeoutMs + 5_000);
    await exited;
    clearTimeout(killer);
  }

  #start(): void {
    this.#starts++;
    this.#ready = false;
    this.#stderr = '';
    const child = spawn(this.python, ['-I', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'], shell: false });
    this.#child = child;
    child.stdin.on('error', () => {}); // a dead process shows as `exit`; a write to it must not throw
    child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-STDERR_KEPT);
    });
    createInterface({ input: child.stdout }).on('line', (line) => this.#onLine(child, line));
    child.on('error', (error) => this.#onSpawnError(child, error));
    // 'close', not 'exit': by then stderr has been read to the end, for the message.
    child.on('close', (code, signal) => this.#onExit(child, code, signal));
    for (const job of this.#queue) this.#send(child, job);
    this.#hold(true);
  }

  #send(child: ChildProcess, job: Job): void {
    child.stdin?.write(job.line);
  }

  #onLine(child: ChildProcess, line: string): void {
    if (child !== this.#child || !line.trim()) return;
    let answer: Answer;
    try {
      answer = JSON.parse(line) as Answer;
    } catch {
      return this.#failHead(child, `unreadable answer from the renderer: ${line.slice(0, 200)}`);
    }
    if (answer.fatal) return this.#setUnavailable(docutilsMissing(this.python, answer.fatal));
    if (answer.ready) {
      this.#ready = true;
      this.#version = answer.docutils;
      return this.#armTimer();
    }
    const job = this.#queue.shift();
    this.#clearTimer();
    if (job) {
      if (answer.id !== job.id) job.reject(new RenderError(job.name, `renderer answered document ${answer.id} instead of ${job.id}`));
      else if (!answer.ok) job.reject(new RenderError(job.name, answer.error ?? 'docutils failed'));
      else job.resolve(toRendered(answer, job.name));
    }
    this.#armTimer();
    if (this.#queue.length === 0) this.#hold(false);
  }

  #onSpawnError(child: ChildProcess, error: Error): void {
    if (child !== this.#child) return;
    this.#setUnavailable(new DocutilsUnavailable(`${this.python} cannot be run (${error.message}). The spec renderer needs Debian's Python with docutils:\n    sudo apt-get update && sudo apt-get install -y python3 python3-docutils`));
  }

  #onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.#child) return;
    this.#child = undefined;
    this.#clearTimer();
    if (this.#unavailable) return;
    if (code === EXIT_NO_DOCUTILS) return this.#setUnavailable(docutilsMissing(this.python, this.#stderr.trim()));
    if (!this.#ready && this.#queue.length > 0) {
      // It died before it could render anything: restarting would only die again.
      return this.#setUnavailable(new DocutilsUnavailable(`the RST renderer (${this.python} ${SCRIPT}) stopped before starting (${signal ?? `exit ${code}`}): ${this.#stderr.trim() || 'no message'}`));
    }
    const head = this.#queue.shift();
    head?.reject(new RenderError(head.name, `the renderer process ended (${signal ?? `exit ${code}`}) while rendering it${this.#stderr ? `: ${lastLine(this.#stderr)}` : ''}`));
    if (this.#queue.length > 0) this.#start();
  }

  /** The document at the head took too long: it fails, the process is killed and the others go to a new one. */
  #failHead(child: ChildProcess, reason: string): void {
    const head = this.#queue.shift();
    head?.reject(new RenderError(head.name, reason));
    this.#clearTimer();
    this.#child = undefined;
    child.kill('SIGKILL');
    if (this.#queue.length > 0) this.#start();
    else this.#hold(false);
  }

  #armTimer(): void {
    const child = this.#child;
    if (!child || !this.#ready || this.#queue.length === 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#failHead(child, `rendering took longer than ${this.timeoutMs / 1000} s`);
    }, this.timeoutMs);
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #setUnavailable(error: DocutilsUnavailable): void {
    this.#unavailable = error;
    this.#clearTimer();
    const child = this.#child;
    this.#child = undefined;
    child?.kill('SIGKILL');
    for (const job of this.#queue.splice(0)) job.reject(error);
  }

  /** Keeps the event loop alive only while documents are waiting, so a renderer left open does not hang Node. */
  #hold(busy: boolean): void {
    const child = this.#child;
    if (!child) return;
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as unknown as Array<{ ref?(): void; unref?(): void } | null>) {
      if (busy) handle?.ref?.();
      else handle?.unref?.();
    }
  }
}

function docutilsMissing(python: string, detail: string): DocutilsUnavailable {
  return new DocutilsUnavailable(`${python} cannot import docutils (${detail || 'no message'}). Rendering reStructuredText specs needs Debian's python3-docutils; install it with:\n    ${DOCUTILS_INSTALL}`);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

function toRendered(answer: Answer, name: string): Rendered {
  const warnings = [...(answer.warnings ?? [])];
  const title = answer.title?.trim() ?? '';
  if (!title) warnings.push('no document title (a lone top section title): the file name is used');
  return {
    title: title || name,
    html: sanitizeDocumentHtml(answer.html ?? ''),
    toc: (answer.toc ?? []).filter((e) => e.anchor),
    sections: answer.sections ?? [],
    intro: answer.intro ?? '',
    warnings,
  };
}

/** docutils' version as `python` sees it, or undefined when it cannot import it (for test skips and checks). */
export function docutilsVersion(python = DEFAULT_PYTHON): string | undefined {
  const run = spawnSync(python, ['-I', '-c', 'import docutils; print(docutils.__version__)'], { encoding: 'utf8', timeout: 30_000 });
  return run.status === 0 ? run.stdout.trim() : undefined;
}
