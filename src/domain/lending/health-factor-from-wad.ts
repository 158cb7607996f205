import { toNumberApprox } from '../amounts/to-number-approx';

/** Health factors at or above this are Aave's "no debt" sentinel (type(uint256).max) rather than a real ratio. */
export const NO_DEBT_HEALTH_FACTOR_WAD = 10n ** 59n;

/**
 * Aave getUserAccountData healthFactor (wad, 1e18 = 1.0) as a number, or null when the account has no debt
 * (the pool reports uint256 max; anything ≥ 1e59 wad is treated as that sentinel).
 */
export const healthFactorFromWad = (hf: bigint): number | null =>
  hf >= NO_DEBT_HEALTH_FACTOR_WAD ? null : toNumberApprox(hf, 18);
