import type { ValidationIssue } from '../../app-error';
import { MAX_TICK, MIN_TICK } from '../../uniswap-v3';
import type { MintPositionRequest } from './liquidity-requests';

const isBelow = (a: string, b: string): boolean => a.toLowerCase() < b.toLowerCase();

/**
 * What is wrong with a mint's tokens and ticks before the pool is read: the tokens must be in the pool's order
 * (token0 < token1 by address: a body in the other order is refused rather than flipped, because flipping would also
 * invert the price and so the meaning of both ticks), and MIN_TICK ≤ tickLower < tickUpper ≤ MAX_TICK.
 */
export const checkMintRange = (r: Pick<MintPositionRequest, 'token0' | 'token1' | 'tickLower' | 'tickUpper'>): ReadonlyArray<ValidationIssue> => [
  ...(isBelow(r.token0, r.token1) ? [] : [{ path: 'body.token1', expected: 'an address above token0 (the pool order: token0 < token1)' }]),
  ...(r.tickLower >= MIN_TICK ? [] : [{ path: 'body.tickLower', expected: `a tick ≥ ${MIN_TICK}` }]),
  ...(r.tickUpper <= MAX_TICK ? [] : [{ path: 'body.tickUpper', expected: `a tick ≤ ${MAX_TICK}` }]),
  ...(r.tickLower < r.tickUpper ? [] : [{ path: 'body.tickUpper', expected: 'a tick above tickLower' }]),
];

/** Ticks off the pool's spacing grid (the pool reverts on them). */
export const checkTickSpacing = (r: Pick<MintPositionRequest, 'tickLower' | 'tickUpper'>, tickSpacing: number): ReadonlyArray<ValidationIssue> =>
  (['tickLower', 'tickUpper'] as const)
    .filter((field) => r[field] % tickSpacing !== 0)
    .map((field) => ({ path: `body.${field}`, expected: `a multiple of the pool's tick spacing ${tickSpacing}` }));
