/**
 * Cursors against wrong clocks. A cursor says "everything updated up to here is
 * stored"; an upstream item dated in the future (a server clock years ahead, a
 * hand-edited row) must not move it past the present, or every later change
 * would look older than the cursor and never be fetched.
 */

/** How far ahead of this machine an upstream clock may be before its times are reported as wrong. */
export const FUTURE_SKEW_MS = 10 * 60_000;

/** Whole-second ISO time (`2024-03-01T10:00:00Z`), the form cursors are kept in. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * The cursor to keep for the newest update seen, given when the run began: never
 * later than that moment. Items updated after it are asked for again next time
 * (unchanged ones cost no write), so stopping there loses nothing.
 */
export function clampCursor(newest: string, runStartMs: number): string {
  const limit = isoSeconds(runStartMs);
  return newest > limit ? limit : newest;
}
