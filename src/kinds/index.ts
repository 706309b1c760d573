/**
 * Every kind of item the portal knows. A new kind (messages, threads,
 * meetings, specs…) adds one line here; the catalog, people pages, search
 * and charts need no other change.
 */
import { changeKind } from './change/index.ts';
import { KindRegistry } from './registry.ts';

export function defaultKinds(): KindRegistry {
  return new KindRegistry([changeKind]);
}

export { KindRegistry, defineKind } from './registry.ts';
export type * from './types.ts';
