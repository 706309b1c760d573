/**
 * Runs `task` over `items` with at most `limit` at once, in order of start;
 * resolves when all are done. A task that throws rejects the whole run, so
 * tasks that may fail catch and report their own errors.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
