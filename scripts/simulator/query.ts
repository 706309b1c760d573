/**
 * The subset of Gerrit's change query language the simulator understands:
 * terms `key:value` / `key:"quoted value"`, negation with `-` or NOT,
 * AND (also by juxtaposition), OR and parentheses. Anything else is a
 * QuerySyntaxError, which the server answers with 400 like Gerrit does.
 */

export interface IndexedChange {
  number: number;
  project: string;
  branch: string;
  status: string;
  ownerId?: number;
  topic?: string;
  updatedMs: number;
  /** The change as one JSON line, parsed again only when served. */
  line: string;
}

export type Query =
  | { op: 'and' | 'or'; args: Query[] }
  | { op: 'not'; arg: Query }
  | { op: 'term'; key: string; value: string };

export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';
}

type Token = { t: '(' | ')' | 'AND' | 'OR' | 'NOT' | '-' } | { t: 'term'; key: string; value: string };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] ?? '';
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { out.push({ t: c }); i++; continue; }
    if (c === '-') { out.push({ t: '-' }); i++; continue; }
    const m = /^([A-Za-z_]+):/.exec(q.slice(i));
    if (m) {
      i += m[0].length;
      let value = '';
      if (q[i] === '"' || q[i] === "'") {
        const quote = q[i];
        i++;
        while (i < q.length && q[i] !== quote) {
          if (q[i] === '\\' && i + 1 < q.length) i++;
          value += q[i];
          i++;
        }
        if (i >= q.length) throw new QuerySyntaxError(`unterminated quote in ${JSON.stringify(q)}`);
        i++;
      } else {
        const v = /^[^\s()]+/.exec(q.slice(i))?.[0] ?? '';
        value = v;
        i += v.length;
      }
      out.push({ t: 'term', key: (m[1] ?? '').toLowerCase(), value });
      continue;
    }
    const word = /^[^\s()]+/.exec(q.slice(i))?.[0] ?? '';
    if (word === 'AND' || word === 'OR' || word === 'NOT') { out.push({ t: word }); i += word.length; continue; }
    throw new QuerySyntaxError(`line 1:${i} no viable alternative at input '${word}'`);
  }
  return out;
}

export function parseQuery(q: string): Query {
  const tokens = tokenize(q);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const orExpr = (): Query => {
    const args = [andExpr()];
    while (peek()?.t === 'OR') { pos++; args.push(andExpr()); }
    return args.length === 1 ? (args[0] as Query) : { op: 'or', args };
  };
  const andExpr = (): Query => {
    const args = [unary()];
    for (;;) {
      const next = peek();
      if (!next || next.t === ')' || next.t === 'OR') break;
      if (next.t === 'AND') pos++;
      args.push(unary());
    }
    return args.length === 1 ? (args[0] as Query) : { op: 'and', args };
  };
  const unary = (): Query => {
    const tok = tokens[pos++];
    if (!tok) throw new QuerySyntaxError(`unexpected end of query ${JSON.stringify(q)}`);
    if (tok.t === '-' || tok.t === 'NOT') return { op: 'not', arg: unary() };
    if (tok.t === '(') {
      const inner = orExpr();
      if (tokens[pos++]?.t !== ')') throw new QuerySyntaxError(`missing ) in ${JSON.stringify(q)}`);
      return inner;
    }
    if (tok.t === 'term') return { op: 'term', key: tok.key, value: tok.value };
    throw new QuerySyntaxError(`unexpected ${tok.t} in ${JSON.stringify(q)}`);
  };
  if (tokens.length === 0) throw new QuerySyntaxError('empty query');
  const result = orExpr();
  if (pos !== tokens.length) throw new QuerySyntaxError(`unexpected input after position ${pos} in ${JSON.stringify(q)}`);
  return result;
}

/** Gerrit reads "2024-03-01 10:00:00", "2024-03-01 10:00:00.000" and "2024-03-01" as UTC. */
export function parseQueryTime(value: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?))?(Z|[+-]\d{4})?$/.exec(value.trim());
  const ms = m ? Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${m[3] && m[3] !== 'Z' ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : 'Z'}`) : NaN;
  if (Number.isNaN(ms)) throw new QuerySyntaxError(`Invalid timestamp: ${value}`);
  return ms;
}

const AGE_UNITS: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600, d: 86400, day: 86400, w: 604800, week: 604800, mon: 2592000, month: 2592000, y: 31536000, year: 31536000 };

function parseAge(value: string): number {
  const m = /^(\d+)([a-z]+)$/i.exec(value);
  const unit = m ? AGE_UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new QuerySyntaxError(`Invalid age: ${value}`);
  return Number(m[1]) * unit * 1000;
}

export type Predicate = (c: IndexedChange) => boolean;

export interface CompileOptions {
  /** `after:`/`since:`/`before:`/`until:` (Gerrit 2.9 and later); false answers them as unknown operators. */
  timeOperators?: boolean;
}

/** Compiles a query; time-relative operators (age:) read `nowMs`. */
export function compileQuery(query: Query, nowMs: number, options: CompileOptions = {}): Predicate {
  switch (query.op) {
    case 'and': {
      const ps = query.args.map((a) => compileQuery(a, nowMs, options));
      return (c) => ps.every((p) => p(c));
    }
    case 'or': {
      const ps = query.args.map((a) => compileQuery(a, nowMs, options));
      return (c) => ps.some((p) => p(c));
    }
    case 'not': {
      const p = compileQuery(query.arg, nowMs, options);
      return (c) => !p(c);
    }
    case 'term':
      return compileTerm(query.key, query.value, nowMs, options);
  }
}

const TIME_OPERATORS = new Set(['after', 'since', 'before', 'until']);

function compileTerm(key: string, value: string, nowMs: number, options: CompileOptions): Predicate {
  if (options.timeOperators === false && TIME_OPERATORS.has(key)) throw new QuerySyntaxError(`Unsupported operator ${key}:${value}`);
  switch (key) {
    case 'project':
      return (c) => c.project === value;
    case 'branch':
      return (c) => c.branch === value;
    case 'topic':
      return (c) => c.topic === value;
    case 'change':
      return (c) => String(c.number) === value;
    case 'owner':
      if (!/^\d+$/.test(value)) throw new QuerySyntaxError(`Account '${value}' not found`);
      return (c) => c.ownerId === Number(value);
    case 'after':
    case 'since': {
      const t = parseQueryTime(value);
      return (c) => c.updatedMs >= t;
    }
    case 'before':
    case 'until': {
      const t = parseQueryTime(value);
      return (c) => c.updatedMs <= t;
    }
    case 'age': {
      const limit = nowMs - parseAge(value);
      return (c) => c.updatedMs <= limit;
    }
    case 'status':
    case 'is': {
      const v = value.toLowerCase();
      if (v === 'open' || v === 'pending' || v === 'new') return (c) => c.status === 'NEW';
      if (v === 'closed') return (c) => c.status === 'MERGED' || c.status === 'ABANDONED';
      if (v === 'merged') return (c) => c.status === 'MERGED';
      if (v === 'abandoned') return (c) => c.status === 'ABANDONED';
      throw new QuerySyntaxError(`Unrecognized value: ${value}`);
    }
    default:
      throw new QuerySyntaxError(`Unsupported operator ${key}:${value}`);
  }
}

/** A project every match must belong to, when the query says so at top level (lets the server use its index). */
export function requiredProject(query: Query): string | undefined {
  if (query.op === 'term' && query.key === 'project') return query.value;
  if (query.op === 'and') for (const a of query.args) { const p = requiredProject(a); if (p) return p; }
  return undefined;
}
