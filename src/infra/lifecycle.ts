/** Whether the process is ready for traffic: false until fully started and again from the first shutdown signal. */
export interface Lifecycle {
  readonly isReady: () => boolean;
  readonly isShuttingDown: () => boolean;
  readonly markReady: () => void;
  readonly beginShutdown: () => void;
  readonly startedAt: number;
}

export const makeLifecycle = (): Lifecycle => {
  let ready = false;
  let shuttingDown = false;
  return {
    isReady: () => ready && !shuttingDown,
    isShuttingDown: () => shuttingDown,
    markReady: () => {
      ready = true;
    },
    beginShutdown: () => {
      shuttingDown = true;
    },
    startedAt: Date.now(),
  };
};
