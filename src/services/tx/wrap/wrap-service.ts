import type * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { AmountOrMax } from '../../../domain/tx/codecs/base-unit-amount';
import type { PreparedTransactions } from '../../../domain/tx/prepared-transactions';
import { prepareAction, type TxEngineDeps } from '../prepare-action';
import { planUnwrap, planWrap, type WrapDeps } from './plan-wrap';

export interface WrapService {
  readonly wrap: (wallet: Address, amount: AmountOrMax) => TE.TaskEither<AppError, PreparedTransactions>;
  readonly unwrap: (wallet: Address, amount: AmountOrMax) => TE.TaskEither<AppError, PreparedTransactions>;
}

/** POST /api/tx/wrap and /unwrap as use-cases: the engine run with the wrap planners. */
export const makeWrapService = (engine: TxEngineDeps, deps: WrapDeps): WrapService => {
  const prepare = prepareAction(engine);
  return {
    wrap: (wallet, amount) => prepare(wallet, planWrap(deps)(amount)),
    unwrap: (wallet, amount) => prepare(wallet, planUnwrap(deps)(amount)),
  };
};
