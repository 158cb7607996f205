import * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { PreparedTransactions } from '../../domain/tx/prepared-transactions';
import { prepareAction, type Planner, type TxEngineDeps } from './prepare-action';

/** One prepare route as a use-case: the decoded request, prepared and simulated for the signed-in wallet. */
export type PrepareRequest<R> = (wallet: Address, request: R) => TE.TaskEither<AppError, PreparedTransactions>;

/**
 * An action family's routes through the engine: each route's planner, given the family's deps, run by prepareAction.
 * When the family is not configured on this network (`deps` undefined) every route answers `notConfigured`.
 */
export const prepareWith = <D>(engine: TxEngineDeps, deps: D | undefined, notConfigured: AppError) => {
  const prepare = prepareAction(engine);
  return <R>(plan: (deps: D) => (request: R) => Planner): PrepareRequest<R> =>
    (wallet, request) =>
      deps === undefined ? TE.left(notConfigured) : prepare(wallet, plan(deps)(request));
};
