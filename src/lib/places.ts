/**
 * How places are told apart (pure). A place is keyed by its source and its
 * name: two sources may each have a project called `docs`. The catalog keys
 * its places with this, and charts key their per-place data with it.
 */

/** The key of a place: source and name (names may hold any character but this one). */
export function placeKey(source: string, name: string): string {
  return `${source}\u001f${name}`;
}
