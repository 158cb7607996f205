import type { Address } from 'viem';

/**
 * One reserve of an Aave v3 market as one account sees it at one block: the reserve's parameters and oracle price,
 * and the account's balances there. Amounts in the asset's base units, price in the oracle's base currency.
 */
export interface AccountReserve {
  readonly asset: Address;
  readonly decimals: number;
  /** AaveOracle price in the base currency (USD × 1e8 on Sei's markets). */
  readonly price: bigint;
  readonly ltvBps: bigint;
  readonly liquidationThresholdBps: bigint;
  /** Non-zero: an isolated asset (Aave's debt ceiling). */
  readonly debtCeiling: bigint;
  /** The account's aToken balance (interest included at the block). */
  readonly supplied: bigint;
  readonly variableDebt: bigint;
  readonly stableDebt: bigint;
  /** The account's usage-as-collateral flag for this reserve (UserConfiguration). */
  readonly isCollateral: boolean;
  /** The reserve's variable borrow rate (ray APR), at which the debt grows. */
  readonly variableBorrowRateRay: bigint;
}

/** An account in an Aave v3 market: every listed reserve, in the pool's order. */
export type LendingAccount = ReadonlyArray<AccountReserve>;
