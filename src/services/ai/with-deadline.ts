/** A signal that fires when `outer` does or after `ms`; `expired()` tells the two apart. Call `dispose` when done. */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly expired: () => boolean;
  readonly dispose: () => void;
}

export const withDeadline = (ms: number, outer?: AbortSignal): Deadline => {
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), ms);
  return {
    signal: outer === undefined ? timer.signal : AbortSignal.any([outer, timer.signal]),
    expired: () => timer.signal.aborted,
    dispose: () => clearTimeout(handle),
  };
};
