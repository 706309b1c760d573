/**
 * What can go wrong fetching from an upstream over HTTP. Transport failures
 * (HTTP status, network, timeout) and shape failures (a body that is not what
 * was asked for) are separate classes, so callers can tell "try later" from
 * "wrong URL". Messages carry method and URL but never tokens or e-mail addresses.
 */
import { maskEmail } from '../privacy.ts';

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

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The server answered with a status that is not a success (after any retries). */
export class HttpStatusError extends HttpError {
  override name = 'HttpStatusError';
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

export class HttpAuthError extends HttpStatusError {
  override name = 'HttpAuthError';
  constructor(method: string, url: string, status: number, bodyExcerpt: string) {
    super(method, url, status, bodyExcerpt, 'the portal reads upstreams anonymously, so this is probably private or the server requires login');
  }
}

export class HttpNotFoundError extends HttpStatusError {
  override name = 'HttpNotFoundError';
  constructor(method: string, url: string, bodyExcerpt: string, hint = 'not found (check the server URL and the names in the config)') {
    super(method, url, 404, bodyExcerpt, hint);
  }
}

/** The response arrived but is not what was asked for (login page, proxy error page, cut-off body). */
export class HttpFormatError extends HttpError {
  override name = 'HttpFormatError';
  constructor(method: string, url: string, what: string, firstBytes: string, options?: ErrorOptions & { retry?: boolean }) {
    super(`${method} ${redactUrl(url)}: ${what} (first bytes: ${JSON.stringify(firstBytes)})`, method, url, options);
    this.retry = options?.retry ?? false;
  }
  /** Worth one more attempt (a body cut off in transit), as opposed to a wrong kind of page. */
  readonly retry: boolean;
}

/** No response at all: connection refused or reset, DNS, timeout. The original error stays in `cause`. */
export class HttpNetworkError extends HttpError {
  override name = 'HttpNetworkError';
  constructor(method: string, url: string, detail: string, cause: unknown) {
    super(`${method} ${redactUrl(url)} failed: ${detail}`, method, url, { cause });
  }
}
