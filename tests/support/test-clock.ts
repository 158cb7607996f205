/**
 * A clock for the app under test: real time plus an offset that only the test moves forward. Components on the
 * injected clock see time pass at once; everything else keeps real time, a little behind, never ahead.
 */
export interface TestClock {
  readonly now: () => Date;
  readonly nowMs: () => number;
  /** Moves the clock forward by `ms`. */
  readonly advance: (ms: number) => void;
}

export const makeTestClock = (): TestClock => {
  let offsetMs = 0;
  const nowMs = () => Date.now() + offsetMs;
  return {
    now: () => new Date(nowMs()),
    nowMs,
    advance: (ms) => {
      offsetMs += ms;
    },
  };
};
