import { z } from 'zod';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v, ctx) => {
    const d = v instanceof Date ? v : new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'expected a date such as 2024-01-01 or 2024-01-01T12:00:00Z' });
      return z.NEVER;
    }
    return d;
  });

const sourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes (it becomes a folder and URL part)');

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

export const GerritSourceConfig = z.strictObject({
  id: sourceId,
  type: z.literal('gerrit'),
  /** Base URL of the Gerrit server, e.g. https://review.opendev.org */
  url: httpUrl,
  /** Base URL for links to changes, when it differs from the API URL (a mirror, a proxy, the demo simulator). */
  webUrl: httpUrl.optional(),
  /** Projects to sync; every visible project when absent. */
  projects: z.array(z.string().min(1)).optional(),
  /** Oldest change (by last update) to sync on the first run. */
  since: isoDate.optional(),
  /** Extra Gerrit query terms ANDed onto every query, e.g. "branch:master". */
  query: z.string().optional(),
  /** Changes per request (Gerrit caps this server-side). */
  pageSize: z.number().int().min(1).max(1000).default(250),
  /** Fetch the file list of each revision (costs more per change). */
  files: z.boolean().default(false),
  /** Names or usernames of extra bot accounts (regular expressions). */
  bots: z.array(z.string()).default([]),
  /** Request timeout in seconds. */
  timeout: z.number().positive().default(60),
  /** Retries for 429, 5xx and timeouts. */
  retries: z.number().int().min(0).max(10).default(4),
});
export type GerritSourceConfig = z.infer<typeof GerritSourceConfig>;

/** One entry per upstream type; later issues add their own to this union. */
const SOURCE_TYPES = [GerritSourceConfig] as const;
export const SourceConfig = z.discriminatedUnion('type', SOURCE_TYPES, {
  error: (issue) => (issue.code === 'invalid_union' ? `unknown source type; expected one of: ${SOURCE_TYPES.map((t) => t.shape.type.value).join(', ')}` : undefined),
});
export type SourceConfig = z.infer<typeof SourceConfig>;

export const AgoraConfig = z
  .strictObject({
    site: z.strictObject({
      title: z.string().min(1),
      url: httpUrl,
      /** Sub-path the site is served under, e.g. /portal/ */
      base: z
        .string()
        .regex(/^\/([^/?#]+\/)*$/, 'expected a path that starts and ends with "/", e.g. /portal/')
        .default('/'),
      description: z.string().default(''),
    }),
    /** Folder of the synced store, relative to the config file. */
    data: z.string().min(1).default('content'),
    /** E-mail domain -> organisation, for affiliation (people whose domain is not listed show as "Unknown affiliation"). */
    affiliations: z.record(z.string(), z.string()).default({}),
    privacy: z
      .strictObject({
        /** People (names, usernames or account keys such as opendev:1234) left out of every page. */
        optOut: z.array(z.string()).default([]),
      })
      .default({ optOut: [] }),
    sources: z.array(SourceConfig).min(1, 'expected at least one source'),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.sources.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
      seen.add(s.id);
    });
  });
export type AgoraConfig = z.infer<typeof AgoraConfig>;
export type AgoraUserConfig = z.input<typeof AgoraConfig>;
