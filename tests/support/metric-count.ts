import type { Counter } from 'prom-client';
import { waitUntil } from './wait-until';

/** A counter's value for exactly these labels (0 before the first increment). */
export const counterValue = async <L extends string>(counter: Counter<L>, labels: Partial<Record<L, string>>): Promise<number> => {
  const { values } = await counter.get();
  const wanted = Object.entries(labels);
  return values.filter((v) => wanted.every(([name, value]) => v.labels[name as L] === value)).reduce((sum, v) => sum + v.value, 0);
};

/**
 * Waits until the counter (for these labels) reaches `atLeast`, and returns its value: how a test knows that a
 * background loop or task has run, instead of sleeping. Fails after `timeoutMs` with what it last saw.
 */
export const waitForCount = async <L extends string>(counter: Counter<L>, labels: Partial<Record<L, string>>, atLeast: number, timeoutMs = 10_000): Promise<number> => {
  let last = 0;
  return waitUntil(
    async () => {
      last = await counterValue(counter, labels);
      return last >= atLeast ? last : undefined;
    },
    timeoutMs,
    () => `${JSON.stringify(labels)} reached ${last}, not ${atLeast}`,
  );
};
