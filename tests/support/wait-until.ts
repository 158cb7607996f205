/** Polls `check` every 10 ms until it returns a value (not undefined); fails with `describe()` after `timeoutMs`. */
export const waitUntil = async <T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> =>
  waitUntilAsync(async () => check(), timeoutMs, describe);

/** waitUntil for a check that has to ask something (a database, a metric): polled every 10 ms, never two at once. */
export const waitUntilAsync = async <T>(check: () => Promise<T | undefined>, timeoutMs: number, describe: () => string): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
