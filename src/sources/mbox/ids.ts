/**
 * Message-ID handling and the stable keys derived from ids. Message-IDs look like addresses
 * (`4FFC1228.3060409@example.org`) and the build fails on anything that looks like an address, so
 * anything that leaves this layer as a key (thread ids, page names) is a hash of the id, never the id.
 */
import { createHash } from 'node:crypto';

/** The ids in a Message-ID / In-Reply-To / References value: `<…>` tokens, else bare `x@y` tokens; without `<>`, in order, once each. */
export function messageIds(value: string | undefined): string[] {
  if (value === undefined) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (raw: string) => {
    const id = raw.replace(/\s+/g, '');
    if (id !== '' && !seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  };
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)];
  if (bracketed.length > 0) for (const m of bracketed) add(m[1]!);
  else for (const token of value.split(/[\s,]+/)) if (/^[^@\s]+@[^@\s]+$/.test(token)) add(token);
  return out;
}

/** A short stable hex digest. */
export function digest(text: string | Uint8Array, length = 24): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** The domain of synthesised Message-IDs (RFC 2606: `.invalid` can never be a real host). */
export const SYNTHETIC_DOMAIN = 'synthetic.agora.invalid';

/**
 * A Message-ID for a message that has none: a digest of its bytes, with line breaks
 * normalised to LF and trailing blank space removed, so the same message in a CRLF archive,
 * an LF archive or a re-generated pipermail month gets the same id.
 */
export function synthesiseMessageId(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  const hash = createHash('sha256');
  let from = 0;
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      hash.update(bytes.subarray(from, i));
      from = i + 1;
    }
  }
  hash.update(bytes.subarray(from, end));
  return `${hash.digest('hex').slice(0, 32)}@${SYNTHETIC_DOMAIN}`;
}

/** The stable key of a thread whose top message (present or only referenced) has this id. */
export function threadKey(topMessageId: string): string {
  return `t${digest(topMessageId, 20)}`;
}

/** The stable key of a message, for page names and store keys. */
export function messageKey(messageId: string): string {
  return `m${digest(messageId, 20)}`;
}
