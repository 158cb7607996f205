import type { Address, Hex } from 'viem';

/**
 * The contract between the transaction engine (services/tx) and each action family (lending, swap, liquidity, wrap).
 * An action family turns a validated request into an ActionPlan read at one block; the engine adds the approvals
 * that are short, simulates the whole list as the wallet at that block, estimates gas and answers API.md's shape.
 */
export type TxAction =
  | 'supply'
  | 'withdraw'
  | 'borrow'
  | 'repay'
  | 'swap'
  | 'add_liquidity'
  | 'remove_liquidity'
  | 'collect'
  | 'wrap'
  | 'unwrap';

/** What every planner is given: the acting wallet (from the token, never the body) and the block everything is read at. */
export interface PlanContext {
  readonly wallet: Address;
  readonly blockNumber: bigint;
}

/** One call the wallet will sign, before gas is known. */
export interface PlannedCall {
  readonly to: Address;
  readonly data: Hex;
  readonly value: bigint;
  readonly description: string;
  /** Measured on the devnet (documented beside the planner); used when the call depends on an earlier one and cannot be estimated. */
  readonly gasUpperBound: bigint;
}

/** An ERC-20 allowance a call needs; the engine prepends one exact approve only when the current allowance is short. */
export interface AllowanceNeed {
  readonly token: Address;
  readonly spender: Address;
  readonly amount: bigint;
  /**
   * With `approvalCoversAccrualUntilExpiry`: the APR (ray, 1e27 = 100%) at which `amount` grows (the reserve's variable
   * borrow rate at the block). The engine approves amount × (1 + rate × TTL / year) + 0.1% (domain/tx/approval-amount.ts).
   */
  readonly accrualRateRay?: bigint;
}

/** The wallet's expected delta of one token (`native` for SEI), gas excluded. */
export interface ExpectedBalanceChange {
  readonly token: Address | 'native';
  readonly delta: bigint;
}

export interface SwapHop {
  readonly pool: Address;
  readonly fee?: number;
  readonly version: 'v1' | 'v2';
}

export interface SwapQuote {
  readonly amountOut: bigint;
  readonly amountOutMin: bigint;
  readonly route: ReadonlyArray<SwapHop>;
  readonly priceImpactBps: number;
}

export interface LiquidityQuote {
  readonly amount0: bigint;
  readonly amount1: bigint;
  readonly amount0Min: bigint;
  readonly amount1Min: bigint;
  readonly liquidity: bigint;
}

/** A lending health factor as Aave reports it (wad, 1e18 = 1.0), or null when the account has no debt. */
export type HealthFactorWad = bigint | null;

export interface ActionPlan {
  readonly action: TxAction;
  readonly allowances: ReadonlyArray<AllowanceNeed>;
  /** In signing order, after any approvals; usually one. */
  readonly calls: ReadonlyArray<PlannedCall>;
  readonly balanceChanges: ReadonlyArray<ExpectedBalanceChange>;
  readonly quote?: SwapQuote | LiquidityQuote;
  /** Lending actions: the health factor after the plan lands, from reserves and prices read at the plan's block. Absent: unchanged. */
  readonly healthFactorAfter?: HealthFactorWad;
  /** repay "max": the approval must also cover interest accruing until expiresAt (API.md); the engine sizes it. */
  readonly approvalCoversAccrualUntilExpiry?: boolean;
}

/** Why a simulation failed, as API.md names it. */
export type SimulationErrorCode =
  | 'INSUFFICIENT_BALANCE'
  | 'INSUFFICIENT_COLLATERAL'
  | 'HEALTH_FACTOR_TOO_LOW'
  | 'SLIPPAGE'
  | 'REVERTED';

/** Refusals a planner may return before anything is simulated (422 in API.md). */
export type UnprocessableTxCode = 'UNKNOWN_ASSET' | 'NO_ROUTE' | 'NOTHING_TO_DO';
