import type { CheckStatus } from '../health';

/** The model's health as seen from the outcomes of real calls (no paid probe calls). */
export interface ModelHealth {
  readonly recordSuccess: () => void;
  readonly recordFailure: () => void;
  /** 'down' after the last call failed, 'up' after it succeeded or before any call. */
  readonly status: () => CheckStatus;
}

export const makeModelHealth = (): ModelHealth => {
  let lastFailed = false;
  return {
    recordSuccess: () => {
      lastFailed = false;
    },
    recordFailure: () => {
      lastFailed = true;
    },
    status: () => (lastFailed ? 'down' : 'up'),
  };
};
