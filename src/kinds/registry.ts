import type { ItemSummary, KindDefinition, StatusWord } from './types.ts';

/**
 * The kinds a portal knows. The catalog reads every registered kind of every
 * source; a new kind is one `register` (in src/kinds/index.ts, or from a test).
 */
export class KindRegistry {
  private readonly defs = new Map<string, KindDefinition<unknown, ItemSummary>>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own data and summary types
  constructor(defs: Iterable<KindDefinition<any, any>> = []) {
    for (const d of defs) this.register(d);
  }

  register<T, S extends ItemSummary>(def: KindDefinition<T, S>): this {
    if (this.defs.has(def.kind)) throw new Error(`kind "${def.kind}" is registered twice`);
    this.defs.set(def.kind, def as unknown as KindDefinition<unknown, ItemSummary>);
    return this;
  }

  get(kind: string): KindDefinition<unknown, ItemSummary> | undefined {
    return this.defs.get(kind);
  }

  all(): KindDefinition<unknown, ItemSummary>[] {
    return [...this.defs.values()];
  }

  /** A kind's status word for a value (`NEW` -> `{ facet: 'open', label: 'Open' }`). */
  status(kind: string, value: string): StatusWord | undefined {
    return this.defs.get(kind)?.statuses?.find((s) => s.value === value);
  }
}

/** Declares a kind with its types checked; the registry keeps it untyped. */
export function defineKind<T, S extends ItemSummary>(def: KindDefinition<T, S>): KindDefinition<T, S> {
  return def;
}
