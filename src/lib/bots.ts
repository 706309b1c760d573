/**
 * Telling automation from people by name, for every upstream: CI systems and
 * bots are counted apart from contributors. Upstreams add what they know
 * (Gerrit's SERVICE_USER tag, GitHub's account type) in their own mappers.
 */
export const DEFAULT_BOT_PATTERNS: readonly RegExp[] = [
  /\bzuul\b/i,
  /\bjenkins\b/i,
  /\bCI\b/,
  /\bbot\b/i,
  /-ci$/i,
  /\bproposal bot\b/i,
  /\bautomation\b/i,
];

/** Whether a name or username reads as automation (the defaults plus the config's own patterns). */
export function nameLooksLikeBot(account: { name?: string; username?: string }, extraPatterns: readonly RegExp[] = []): boolean {
  const hay = [account.name ?? '', account.username ?? ''];
  return [...DEFAULT_BOT_PATTERNS, ...extraPatterns].some((p) => hay.some((h) => p.test(h)));
}
