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

// Masking lives in src/lib/privacy.ts (maskEmail for one text, maskDeep for a whole record).
export { maskDeep, maskEmail } from '../lib/privacy.ts';
