/**
 * A KEP's `kep.yaml` (pure): the fields the portal shows, read leniently.
 * People write these files by hand, so every field may be missing, of
 * another type (a string for a list, a number for a version) or still the
 * template's placeholder; each oddity is a problem naming the file (and the
 * line, for YAML errors), and the rest is kept.
 *
 * The file is read with YAML's failsafe schema, where every scalar is a
 * string: `latest-milestone: 1.20` stays "1.20" (the core schema would make
 * it the number 1.2), and `creation-date: 2019-01-01` stays the text written.
 */
import { parseDocument } from 'yaml';

export interface KepMetadata {
  title?: string;
  /** The number, when `kep-number` is one (the template's `NNNN` is not). */
  number?: number;
  /** `status` as written (see status.ts for its meaning). */
  status?: string;
  /** `stage`: alpha, beta or stable, as written. */
  stage?: string;
  /** GitHub handles as written (`@name`). */
  authors: string[];
  owningSig?: string;
  participatingSigs: string[];
  /** `milestone:` stage -> release (`alpha: v1.19`). */
  milestones: Record<string, string>;
  latestMilestone?: string;
  /** `creation-date`, as written (`yyyy-mm-dd` when filled in). */
  creationDate?: string;
  lastUpdated?: string;
  /** KEP paths this one replaces, or is replaced by. */
  replaces: string[];
  supersededBy: string[];
}

export interface ParsedKep {
  meta: KepMetadata;
  problems: string[];
  /**
   * False when the text is not valid YAML or not a mapping of fields: whatever was read from it
   * is a guess. (A readable file may still have problems: a missing title, a placeholder.)
   */
  readable: boolean;
}

type Fields = Record<string, unknown>;

const empty = (): KepMetadata => ({ authors: [], participatingSigs: [], milestones: {}, replaces: [], supersededBy: [] });

/** The fields of `kep.yaml` text; `file` names it in problems. */
export function parseKep(text: string, file: string): ParsedKep {
  const problems: string[] = [];
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  for (const e of doc.errors) problems.push(`${file}:${lineAt(text, e.pos[0])}: ${firstLine(e.message)}`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    problems.push(`${file}: ${firstLine((e as Error).message)}`);
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    if (doc.errors.length === 0) problems.push(`${file}: expected a mapping of fields, found ${data === null || data === undefined ? 'nothing' : Array.isArray(data) ? 'a list' : 'a value'}`);
    return { meta: empty(), problems, readable: false };
  }
  const readable = doc.errors.length === 0 && problems.length === 0;
  return { meta: readFields(data as Fields, file, problems), problems, readable };
}

/** The line (from 1) of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function readFields(data: Fields, file: string, problems: string[]): KepMetadata {
  const field = new FieldReader(data, file, problems);
  const meta = empty();
  const set = <K extends keyof KepMetadata>(key: K, value: KepMetadata[K] | undefined) => {
    if (value !== undefined) meta[key] = value;
  };
  set('title', field.text('title'));
  set('number', kepNumber(field.text('kep-number'), file, problems));
  set('status', field.text('status'));
  set('stage', field.text('stage'));
  meta.authors = field.list('authors');
  set('owningSig', field.text('owning-sig'));
  meta.participatingSigs = field.list('participating-sigs');
  meta.milestones = field.map('milestone');
  set('latestMilestone', field.text('latest-milestone'));
  set('creationDate', field.text('creation-date'));
  set('lastUpdated', field.text('last-updated'));
  meta.replaces = field.list('replaces');
  meta.supersededBy = field.list('superseded-by');
  if (meta.title === undefined) problems.push(`${file}: no title`);
  if (meta.status === undefined) problems.push(`${file}: no status`);
  if (meta.creationDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(meta.creationDate)) problems.push(`${file}: creation-date ${JSON.stringify(meta.creationDate)} is not a yyyy-mm-dd date`);
  return meta;
}

/** `kep-number: 1234` (or `"1234"`); the template's `NNNN` and anything else is a problem. */
function kepNumber(text: string | undefined, file: string, problems: string[]): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  problems.push(`${file}: kep-number ${JSON.stringify(text)} is not a number`);
  return undefined;
}

/** Reads one field in the shape expected, saying so when it has another. */
class FieldReader {
  constructor(
    private readonly data: Fields,
    private readonly file: string,
    private readonly problems: string[],
  ) {}

  private odd(key: string, expected: string): undefined {
    this.problems.push(`${this.file}: ${key} should be ${expected}`);
    return undefined;
  }

  /** A non-empty string (an empty value counts as missing). */
  text(key: string): string | undefined {
    const v = this.data[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return this.odd(key, 'a single value');
    return v.trim() || undefined;
  }

  /** A list of strings; one string is taken as a list of one; items that are not strings are left out. */
  list(key: string): string[] {
    const v = this.data[key];
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
    if (!Array.isArray(v)) return this.odd(key, 'a list') ?? [];
    const items = v.filter((item): item is string => typeof item === 'string').map((s) => s.trim()).filter(Boolean);
    if (items.length !== v.filter((item) => item !== null && item !== '').length) this.odd(key, 'a list of single values');
    return items;
  }

  /** A mapping of names to strings; other values are left out. */
  map(key: string): Record<string, string> {
    const v = this.data[key];
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) return this.odd(key, 'a mapping (alpha: …, beta: …, stable: …)') ?? {};
    const out: Record<string, string> = {};
    for (const [k, value] of Object.entries(v as Fields)) {
      if (typeof value === 'string') {
        if (value.trim()) out[k] = value.trim();
      } else if (value !== null) this.odd(`${key}.${k}`, 'a single value');
    }
    return out;
  }
}
