const DAY_MS = 24 * 3600 * 1000;

/** The UTC calendar day of `now`, "2025-01-31": the key of a daily budget. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

/** The next UTC midnight after `now`. */
export const nextUtcMidnight = (now: Date): Date => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);

/** Whole seconds until the next UTC midnight, at least 1: the Retry-After of a spent daily budget. */
export const secondsUntilUtcMidnight = (now: Date): number => Math.max(1, Math.ceil((nextUtcMidnight(now).getTime() - now.getTime()) / 1000));
