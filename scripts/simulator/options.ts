/**
 * Gerrit sends only what the `o=` options ask for. The fixtures hold the
 * fullest form; this trims a change down to what a real server would send.
 */

const ACCOUNT_DETAIL_KEYS = ['name', 'email', 'username', 'display_name', 'avatars', 'secondary_emails', 'status', 'tags', 'inactive'];

function slimAccounts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(slimAccounts);
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const isAccount = typeof obj._account_id === 'number';
  for (const [k, v] of Object.entries(obj)) {
    if (isAccount && ACCOUNT_DETAIL_KEYS.includes(k)) continue;
    out[k] = slimAccounts(v);
  }
  return out;
}

export function applyOptions(change: Record<string, unknown>, options: ReadonlySet<string>): Record<string, unknown> {
  const c: Record<string, unknown> = { ...change };
  delete c._more_changes;
  if (!options.has('MESSAGES')) delete c.messages;
  if (!options.has('LABELS') && !options.has('DETAILED_LABELS')) {
    delete c.labels;
    delete c.permitted_labels;
    delete c.removable_reviewers;
  } else if (!options.has('DETAILED_LABELS') && c.labels && typeof c.labels === 'object') {
    c.labels = Object.fromEntries(
      Object.entries(c.labels as Record<string, Record<string, unknown>>).map(([k, v]) => {
        const { all: _all, values: _values, ...rest } = v;
        return [k, rest];
      }),
    );
  }
  const current = typeof c.current_revision === 'string' ? c.current_revision : undefined;
  const allRevs = options.has('ALL_REVISIONS');
  if (!allRevs && !options.has('CURRENT_REVISION')) {
    delete c.revisions;
    delete c.current_revision;
  } else if (c.revisions && typeof c.revisions === 'object') {
    const revs: Record<string, unknown> = {};
    for (const [sha, r] of Object.entries(c.revisions as Record<string, Record<string, unknown>>)) {
      if (!allRevs && sha !== current) continue;
      const rev = { ...r };
      const isCurrent = sha === current;
      if (!(options.has('ALL_COMMITS') || (isCurrent && options.has('CURRENT_COMMIT')))) delete rev.commit;
      if (!(options.has('ALL_FILES') || (isCurrent && options.has('CURRENT_FILES')))) delete rev.files;
      revs[sha] = rev;
    }
    c.revisions = revs;
  }
  return options.has('DETAILED_ACCOUNTS') ? c : (slimAccounts(c) as Record<string, unknown>);
}
