import { z } from 'zod';

/**
 * A person (or bot) as one upstream knows them. E-mail addresses are never
 * stored: only the domain survives, for affiliation, and a masked form for display.
 */
export const Account = z.object({
  /** Native account id within the source, as a string. */
  id: z.string(),
  name: z.string(),
  username: z.string().optional(),
  /** Lower-cased domain of the account's e-mail, when the upstream shows one. */
  emailDomain: z.string().optional(),
  /** True for CI systems and other automation (Zuul, Jenkins, third-party CI). */
  isBot: z.boolean(),
});
export type Account = z.infer<typeof Account>;

/** The portal-wide key of a person: `<source>:<native account id>`. */
export function personKey(source: string, accountId: string): string {
  return `${source}:${accountId}`;
}

/**
 * An address: letters and digits of any script (`zoë@exämple.org`, `jane@例え.jp`;
 * \p{M} keeps decomposed accents inside), a dotted domain, a 2+ letter or punycode TLD.
 * The masked form puts `…` right before the `@`, which this pattern does not
 * accept there, so masked text is never masked (or reported) again. The lookbehind
 * lets a match start only where a local part can start, so a long word is
 * scanned once rather than once per letter (which was quadratic).
 */
const EMAIL = /(?<![\p{L}\p{N}\p{M}._%+-])([\p{L}\p{N}\p{M}._%+-])[\p{L}\p{N}\p{M}._%+-]*@((?:[\p{L}\p{N}\p{M}-]+\.)+(?:\p{L}[\p{L}\p{M}]+|xn--[A-Za-z0-9-]+))/gu;

/** `jane.doe@example.org` -> `j…@example.org`; anything else comes back unchanged. */
export function maskEmail(text: string): string {
  return text.replace(EMAIL, '$1…@$2');
}

const DEFAULT_BOT_PATTERNS = [
  /\bzuul\b/i,
  /\bjenkins\b/i,
  /\bCI\b/,
  /\bbot\b/i,
  /-ci$/i,
  /\bproposal bot\b/i,
  /\bautomation\b/i,
];

/**
 * Whether an account is automation. Gerrit marks service users with the
 * `SERVICE_USER` tag on newer servers; older ones (review.openstack.org) only
 * tell by name, so names and usernames are matched too.
 */
export function looksLikeBot(
  account: { name?: string; username?: string; tags?: readonly string[] },
  extraPatterns: readonly RegExp[] = [],
): boolean {
  if (account.tags?.includes('SERVICE_USER')) return true;
  const hay = [account.name ?? '', account.username ?? ''];
  return [...DEFAULT_BOT_PATTERNS, ...extraPatterns].some((p) => hay.some((h) => p.test(h)));
}
