import type { Address } from 'viem';

/** A base-unit amount, or "max" where API.md allows it (supply: the wallet's balance; withdraw: everything; repay: the whole debt). */
export type LendingAmount = bigint | 'max';

export interface SupplyRequest {
  readonly asset: Address;
  readonly amount: LendingAmount;
  readonly onBehalfOf?: Address;
}

export interface WithdrawRequest {
  readonly asset: Address;
  readonly amount: LendingAmount;
  readonly to?: Address;
}

export interface BorrowRequest {
  readonly asset: Address;
  readonly amount: bigint;
}

export interface RepayRequest {
  readonly asset: Address;
  readonly amount: LendingAmount;
  readonly onBehalfOf?: Address;
}
