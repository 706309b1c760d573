import type { z } from 'zod';

/** Thrown when user input (config, a record) does not match its schema. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message);
  }
}

function describeReceived(input: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = input;
  for (const key of path) {
    if (value && typeof value === 'object') value = (value as Record<PropertyKey, unknown>)[key];
    else return 'nothing';
  }
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return `${typeof value} ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`;
}

function dotted(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`))
    .join('');
}

/**
 * Validates `input` against `schema`, or throws one error listing every
 * problem as `path: what was expected (received …)`, under `preamble`.
 */
export function parseOrExplain<S extends z.ZodType>(schema: S, input: unknown, preamble: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const received = describeReceived(input, issue.path);
    return `${dotted(issue.path)}: ${issue.message} (received ${received})`;
  });
  throw new ValidationError(`${preamble}\n${problems.map((p) => `  - ${p}`).join('\n')}`, problems);
}
