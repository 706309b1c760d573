/**
 * Faults written on the simulator's command line, so a person can try a sync
 * against a misbehaving Gerrit by hand:
 *   --fault "status=503,times=2,retry-after=5"   two 503s with Retry-After: 5
 *   --fault "match=S=100,empty"                  an empty page where S=100 is asked
 *   --fault "truncate,match=demo/beta"           a cut-off body for demo/beta
 *   --fault "html,times=always"                  a login page for every request
 * Keys: match (a substring of the request URL), times (a number or "always"),
 * status, retry-after, body, and the flags truncate, html, empty.
 */
import type { Fault } from './gerrit.ts';

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
