import type { StatusWord } from '../types.ts';

/**
 * The one status vocabulary of code review changes: what is stored (Gerrit's
 * words, which GitHub pull requests map onto), the facet lists and URLs use,
 * and what readers see. Every page, list and search result reads it from here.
 */
export const CHANGE_STATUSES = [
  { value: 'NEW', facet: 'open', label: 'Open' },
  { value: 'MERGED', facet: 'merged', label: 'Merged' },
  { value: 'ABANDONED', facet: 'abandoned', label: 'Abandoned' },
] as const satisfies readonly StatusWord[];

export type ChangeStatusValue = (typeof CHANGE_STATUSES)[number]['value'];
export type StatusFacet = (typeof CHANGE_STATUSES)[number]['facet'];

/** Facets in display order. */
export const STATUSES: readonly StatusFacet[] = CHANGE_STATUSES.map((s) => s.facet);

export const FACET_OF: Record<ChangeStatusValue, StatusFacet> = Object.fromEntries(CHANGE_STATUSES.map((s) => [s.value, s.facet])) as Record<ChangeStatusValue, StatusFacet>;

export const STATUS_LABEL: Record<ChangeStatusValue, string> = Object.fromEntries(CHANGE_STATUSES.map((s) => [s.value, s.label])) as Record<ChangeStatusValue, string>;

/** How any stored status value reads (an unknown one in sentence case). */
export function statusLabel(status: string): string {
  return (STATUS_LABEL as Record<string, string>)[status] ?? status.charAt(0) + status.slice(1).toLowerCase();
}

export const FACET_LABEL: Record<StatusFacet, string> = Object.fromEntries(CHANGE_STATUSES.map((s) => [s.facet, s.label])) as Record<StatusFacet, string>;
