import type { ChangeSummary } from '../catalog/types.ts';
import type { Change } from '../model/change.ts';
import { personKey, maskEmail } from '../model/person.ts';
import type { SearchDoc } from './types.ts';

/** How much review text one change contributes to the index. */
export const MAX_BODY_CHARS = 4000;

/** Trailers that only carry ids or people's names and addresses. */
const TRAILER = /^(change-id|signed-off-by|co-authored-by|reviewed-by|reviewed-on|cc):.*$/gim;
/** Gerrit's "Patch Set 3: Code-Review+2" first line and "(2 comments)" counters. */
const MESSAGE_NOISE = /^(patch set \d+:.*|\(\d+ (inline )?comments?\))$/gim;

/**
 * A change as a search document (pure): subject as title; commit message,
 * what humans wrote in review, number and topic as body. Bots' messages
 * (CI results) and those of people who opted out are left out.
 */
export function changeToDoc(
  source: string,
  change: Change,
  summary: ChangeSummary,
  isHidden: (personKey: string) => boolean,
  /** Replaces opted-out people's names in free text (see Catalog.redact). */
  redact: (text: string) => string = (t) => t,
): SearchDoc {
  const parts: string[] = [];
  // The first line of the commit message is the subject, already the title.
  if (change.commitMessage) parts.push(change.commitMessage.replace(/^[^\n]*\n?/, '').replace(TRAILER, '').trim());
  for (const m of change.messages) {
    const author = m.author !== undefined ? change.accounts[m.author] : undefined;
    if (!author || author.isBot || isHidden(personKey(source, m.author!))) continue;
    const text = m.text.replace(MESSAGE_NOISE, '').trim();
    if (text) parts.push(text);
  }
  // Last, so snippets start with prose; kept past the cap so `12345` and topic searches work.
  const tail = `Change ${change.number}${change.topic ? ` topic ${change.topic}` : ''}`;
  const body = `${maskEmail(redact(parts.join('\n\n'))).slice(0, MAX_BODY_CHARS - tail.length - 2)}\n\n${tail}`.trim();
  return {
    id: `${source}:change:${change.number}`,
    path: summary.path,
    title: maskEmail(redact(change.subject)),
    body,
    source,
    kind: 'change',
    project: change.project,
    date: summary.updated,
    status: summary.status,
  };
}
