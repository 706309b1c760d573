/**
 * Faults written on the simulator's command line, so a person can try a sync
 * against a misbehaving Gerrit or mail archive by hand:
 *   --fault "status=503,times=2,retry-after=5"   two 503s with Retry-After: 5
 *   --fault "match=S=100,empty"                  an empty page where S=100 is asked
 *   --fault "truncate,match=demo/beta"           a cut-off body for demo/beta
 *   --fault "html,times=always"                  a login page for every request
 * Keys: match (a substring of the request URL), times (a number or "always"),
 * status, retry-after, body, and the flags truncate, html, empty.
 *
 * The fault model itself (`Fault`, `takeFault`) is shared by the Gerrit and the mail simulators.
 */

export interface SimRequest {
  method: string;
  /** Path and query string as received, e.g. /changes/?q=project:x&n=25 */
  url: string;
  path: string;
  params: URLSearchParams;
}

export interface FaultResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Send a 200 whose body stops half-way (JSON, a gzip file, …). */
  truncate?: boolean;
  /** Send a 200 HTML page (a login or proxy error page) instead of what was asked. */
  html?: boolean;
  /** Send a 200 with nothing in it: `[]` from Gerrit (a server that stops paging early), an empty body from the mail simulator. */
  empty?: boolean;
  /** Answer as usual (after `run`, if any): a fault that only has a side effect. */
  pass?: boolean;
}

export interface Fault {
  /** Which requests: a substring of the URL (decoded), a predicate, or every request when absent. */
  match?: string | ((req: SimRequest) => boolean);
  /** How many matching requests get the fault (default 1; Infinity for all). */
  times?: number;
  respond: FaultResponse;
  /** Runs when the fault fires, before the answer is made (e.g. delete a change mid-sync). */
  run?: () => void;
}

/** The first fault that matches `req` and has uses left (consuming one), after running its side effect. */
export function takeFault(faults: Fault[], req: SimRequest): FaultResponse | undefined {
  for (const f of faults) {
    if ((f.times ?? 1) <= 0) continue;
    const m = f.match;
    const hit = m === undefined || (typeof m === 'string' ? decodeURIComponent(req.url).includes(m) || req.url.includes(m) : m(req));
    if (!hit) continue;
    f.times = (f.times ?? 1) - 1;
    f.run?.();
    if (f.respond.pass) continue;
    return f.respond;
  }
  return undefined;
}

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

const FLAGS = new Set(['truncate', 'html', 'empty']);

export function parseFaultSpec(spec: string): Fault {
  const fault: Fault = { respond: {} };
  const parts = spec.split(',').map((p) => p.trim()).filter(Boolean);
  if (!parts.length) throw new FaultSpecError('empty --fault: expected e.g. "status=500,times=2"');
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? undefined : part.slice(eq + 1).trim();
    if (value === undefined) {
      if (!FLAGS.has(key)) throw new FaultSpecError(`--fault "${spec}": "${key}" needs a value (key=value), or is not one of the flags ${[...FLAGS].join(', ')}`);
      fault.respond[key as 'truncate' | 'html' | 'empty'] = true;
      continue;
    }
    switch (key) {
      case 'match':
        fault.match = value;
        break;
      case 'times':
        if (value === 'always') fault.times = Infinity;
        else if (/^\d+$/.test(value) && Number(value) > 0) fault.times = Number(value);
        else throw new FaultSpecError(`--fault "${spec}": times must be a positive whole number or "always", got "${value}"`);
        break;
      case 'status': {
        const status = Number(value);
        if (!Number.isInteger(status) || status < 100 || status > 599) throw new FaultSpecError(`--fault "${spec}": status must be an HTTP status (100-599), got "${value}"`);
        fault.respond.status = status;
        break;
      }
      case 'retry-after':
        fault.respond.headers = { ...fault.respond.headers, 'Retry-After': value };
        break;
      case 'body':
        fault.respond.body = value;
        break;
      default:
        throw new FaultSpecError(`--fault "${spec}": unknown key "${key}" (expected match, times, status, retry-after, body, truncate, html, empty)`);
    }
  }
  return fault;
}
