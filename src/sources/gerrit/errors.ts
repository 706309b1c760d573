/**
 * What can go wrong talking to Gerrit. Transport failures (HTTP status,
 * network, timeout) and shape failures (a body that is not the JSON we asked
 * for) are separate classes, so callers can tell "try later" from "wrong URL".
 * Messages carry method and URL but never tokens or e-mail addresses.
 */
import { maskEmail } from '../../model/person.ts';

/** The URL as safe to print: no user-info, no token-ish query parameters. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) {
      if (/token|key|secret|password|auth/i.test(key)) u.searchParams.set(key, 'REDACTED');
    }
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * The first bytes of a body, on one line, with addresses masked. Masks before
 * cutting: an address cut in half no longer looks like one and would escape.
 */
export function excerpt(body: string, max = 120): string {
  const flat = maskEmail(body.replace(/\s+/g, ' ').trim());
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export class GerritError extends Error {
  override name = 'GerritError';
  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class GerritHttpError extends GerritError {
  override name = 'GerritHttpError';
  constructor(
    method: string,
    url: string,
    readonly status: number,
    readonly bodyExcerpt: string,
    hint = '',
  ) {
    super(`${method} ${redactUrl(url)} answered HTTP ${status}${hint ? `: ${hint}` : ''}${bodyExcerpt ? ` (body: ${bodyExcerpt})` : ''}`, method, url);
  }
}

export class GerritAuthError extends GerritHttpError {
  override name = 'GerritAuthError';
  constructor(method: string, url: string, status: number, bodyExcerpt: string) {
    super(method, url, status, bodyExcerpt, 'the portal reads Gerrit anonymously, so the project is probably private or the server requires login');
  }
}

export class GerritNotFoundError extends GerritHttpError {
  override name = 'GerritNotFoundError';
  constructor(method: string, url: string, bodyExcerpt: string) {
    super(method, url, 404, bodyExcerpt, 'not found (check the server URL and the project name)');
  }
}

/** The response arrived but is not the JSON we asked for (login page, proxy error page, cut-off body). */
export class GerritFormatError extends GerritError {
  override name = 'GerritFormatError';
  constructor(method: string, url: string, what: string, firstBytes: string, options?: ErrorOptions) {
    super(`${method} ${redactUrl(url)}: ${what} (first bytes: ${JSON.stringify(firstBytes)})`, method, url, options);
  }
}

/** No response at all: connection refused or reset, DNS, timeout. The original error stays in `cause`. */
export class GerritNetworkError extends GerritError {
  override name = 'GerritNetworkError';
  constructor(method: string, url: string, detail: string, cause: unknown) {
    super(`${method} ${redactUrl(url)} failed: ${detail}`, method, url, { cause });
  }
}

/** The listing could not be read to a provable end (paging ignored, cut short, or stuck). */
export class GerritPagingError extends GerritError {
  override name = 'GerritPagingError';
  constructor(method: string, url: string, what: string) {
    super(`${method} ${redactUrl(url)}: ${what}`, method, url);
  }
}
