import * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { PreparedTransactions } from '../../../domain/tx/prepared-transactions';
import { prepareAction, type TxEngineDeps } from '../prepare-action';
import type { LendingDeps, LendingPlanner } from './lending-deps';
import type { BorrowRequest, RepayRequest, SupplyRequest, WithdrawRequest } from './lending-request';
import { planBorrow } from './plan-borrow';
import { planRepay } from './plan-repay';
import { planSupply } from './plan-supply';
import { planWithdraw } from './plan-withdraw';

type Prepared = TE.TaskEither<AppError, PreparedTransactions>;

/** POST /api/tx/lending/* as use-cases: the engine run with the Yei planners, for the signed-in wallet. */
export interface LendingService {
  readonly supply: (wallet: Address, request: SupplyRequest) => Prepared;
  readonly withdraw: (wallet: Address, request: WithdrawRequest) => Prepared;
  readonly borrow: (wallet: Address, request: BorrowRequest) => Prepared;
  readonly repay: (wallet: Address, request: RepayRequest) => Prepared;
}

const NO_MARKET: AppError = { _tag: 'UnprocessableTx', code: 'UNKNOWN_ASSET', message: 'no Yei lending market is configured for this chain' };

/** Without a market (no Yei, or no oracle in the registry) every lending action is 422 UNKNOWN_ASSET. */
export const makeLendingService = (engine: TxEngineDeps, lending: LendingDeps | undefined): LendingService => {
  const prepare = prepareAction(engine);
  const run =
    <R>(plan: (deps: LendingDeps, request: R) => LendingPlanner) =>
    (wallet: Address, request: R): Prepared =>
      lending === undefined ? TE.left(NO_MARKET) : prepare(wallet, plan(lending, request));
  return { supply: run(planSupply), withdraw: run(planWithdraw), borrow: run(planBorrow), repay: run(planRepay) };
};
