/**
 * Resolves once `condition` holds, checking it every `pollMs`; rejects with `what` if it still does not hold after
 * `timeoutMs`. For waiting on a state another process or socket reaches, never for waiting out a duration.
 */
export const waitUntil = async (what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000, pollMs = 20): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
};
