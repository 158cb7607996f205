/**
 * Polls `check` every 10 ms until it returns (or resolves to) a value other than undefined, and returns it; fails with
 * `describe()` after `timeoutMs`. For waiting on a state another process or socket reaches, never for waiting out a
 * duration.
 */
export const waitUntil = async <T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, describe: () => string): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** Waits until `holds()` is true (polling as `waitUntil` does); fails naming `what` after `timeoutMs`. */
export const waitFor = (what: string, holds: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<true> =>
  waitUntil(async () => ((await holds()) ? true : undefined), timeoutMs, () => what);
