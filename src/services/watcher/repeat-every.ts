/** A task run every `intervalMs` (measured from the end of the previous run, so runs never overlap) until stopped. */
export interface Repeating {
  /** Stops scheduling and waits for a run in progress to finish. */
  readonly stop: () => Promise<void>;
}

export const repeatEvery = (intervalMs: number, task: () => Promise<void>, firstDelayMs = 0): Repeating => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (delayMs: number): void => {
    timer = setTimeout(() => {
      running = task()
        .catch(() => undefined)
        .finally(() => {
          if (!stopped) schedule(intervalMs);
        });
    }, delayMs);
    timer.unref();
  };
  schedule(firstDelayMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
