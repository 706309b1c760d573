/**
 * A reader of PyGithub's ReplayData files (tests/ReplayData/*.txt), for
 * conformance tests. Pure. PyGithub's recorder writes each exchange as lines:
 *
 *   protocol, verb, host, port, url, request headers (a Python dict repr),
 *   request body (or None), status, response headers (a Python list of
 *   (name, value) tuples), response body, and an empty line.
 *
 * Header lines are Python literals, so a small reader of Python string
 * literals is enough; bodies are kept as the text recorded.
 */

export interface ReplayExchange {
  /** 1-based line of the exchange's first line, for messages. */
  line: number;
  protocol: string;
  verb: string;
  host: string;
  port?: number;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status: number;
  responseHeaders: [string, string][];
  responseBody: string;
}

const LINES_PER_EXCHANGE = 10;

/** Every Python string literal in a line of dict or tuple-list repr, in order ('…' or "…", with escapes). */
export function pythonStrings(text: string, where: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const quote = text[i];
    if (quote !== "'" && quote !== '"') {
      i++;
      continue;
    }
    let s = '';
    i++;
    for (;;) {
      if (i >= text.length) throw new Error(`${where}: unterminated string literal`);
      const c = text[i]!;
      if (c === quote) break;
      if (c !== '\\') {
        s += c;
        i++;
        continue;
      }
      const e = text[i + 1] ?? '';
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
      if (e in simple) {
        s += simple[e];
        i += 2;
      } else if (e === 'x' || e === 'u') {
        const len = e === 'x' ? 2 : 4;
        const hex = text.slice(i + 2, i + 2 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Error(`${where}: bad \\${e} escape`);
        s += String.fromCharCode(parseInt(hex, 16));
        i += 2 + len;
      } else {
        s += `\\${e}`;
        i += 2;
      }
    }
    out.push(s);
    i++;
  }
  return out;
}

function pairs(strings: string[], where: string): [string, string][] {
  if (strings.length % 2) throw new Error(`${where}: expected name/value pairs, got ${strings.length} strings`);
  const out: [string, string][] = [];
  for (let i = 0; i < strings.length; i += 2) out.push([strings[i]!, strings[i + 1]!]);
  return out;
}

/** Reads every exchange of a ReplayData file; a malformed one throws naming its line. */
export function readReplayData(text: string, file = 'replay'): ReplayExchange[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: ReplayExchange[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i] === '') {
      i++;
      continue;
    }
    const at = (k: number) => `${file}:${i + k + 1}`;
    const block = lines.slice(i, i + LINES_PER_EXCHANGE);
    if (block.length < LINES_PER_EXCHANGE) throw new Error(`${at(0)}: an exchange has ${LINES_PER_EXCHANGE} lines, only ${block.length} left`);
    const [protocol, verb, host, port, url, reqHeaders, reqBody, status, resHeaders, resBody] = block as [string, string, string, string, string, string, string, string, string, string];
    if (!/^https?$/.test(protocol)) throw new Error(`${at(0)}: expected http or https, got ${JSON.stringify(protocol.slice(0, 20))}`);
    if (!/^\d{3}$/.test(status)) throw new Error(`${at(7)}: expected a status code, got ${JSON.stringify(status.slice(0, 20))}`);
    if (port !== 'None' && !/^\d+$/.test(port)) throw new Error(`${at(3)}: expected a port or None`);
    const exchange: ReplayExchange = {
      line: i + 1,
      protocol,
      verb,
      host,
      url,
      requestHeaders: Object.fromEntries(pairs(pythonStrings(reqHeaders, at(5)), at(5))),
      status: Number(status),
      responseHeaders: pairs(pythonStrings(resHeaders, at(8)), at(8)),
      responseBody: resBody,
    };
    if (port !== 'None') exchange.port = Number(port);
    if (reqBody !== 'None') exchange.requestBody = reqBody;
    out.push(exchange);
    i += LINES_PER_EXCHANGE;
  }
  return out;
}
