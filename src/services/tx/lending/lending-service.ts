import type { AppError } from '../../../domain/app-error';
import type { TxEngineDeps } from '../prepare-action';
import { prepareWith, type PrepareRequest } from '../prepare-with';
import type { LendingDeps } from './lending-deps';
import type { BorrowRequest, RepayRequest, SupplyRequest, WithdrawRequest } from './lending-request';
import { planBorrow } from './plan-borrow';
import { planRepay } from './plan-repay';
import { planSupply } from './plan-supply';
import { planWithdraw } from './plan-withdraw';

/** POST /api/tx/lending/* as use-cases: the engine run with the Yei planners, for the signed-in wallet. */
export interface LendingService {
  readonly supply: PrepareRequest<SupplyRequest>;
  readonly withdraw: PrepareRequest<WithdrawRequest>;
  readonly borrow: PrepareRequest<BorrowRequest>;
  readonly repay: PrepareRequest<RepayRequest>;
}

const NO_MARKET: AppError = { _tag: 'UnprocessableTx', code: 'UNKNOWN_ASSET', message: 'no Yei lending market is configured for this chain' };

/** Without a market (no Yei, or no oracle in the registry) every lending action is 422 UNKNOWN_ASSET. */
export const makeLendingService = (engine: TxEngineDeps, lending: LendingDeps | undefined): LendingService => {
  const prepare = prepareWith(engine, lending, NO_MARKET);
  return { supply: prepare(planSupply), withdraw: prepare(planWithdraw), borrow: prepare(planBorrow), repay: prepare(planRepay) };
};
