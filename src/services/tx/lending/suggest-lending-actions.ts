import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import { lendingActionLinks, type LendingActionLink } from '../../../domain/tx/lending';
import type { LendingDeps } from './lending-deps';

/** The lending actions the rules back with a prepare link for `wallet`, from its Yei account at the latest block. */
export const suggestLendingActions =
  (deps: LendingDeps) =>
  (wallet: Address, targetHealthFactorWad: bigint): TE.TaskEither<AppError, ReadonlyArray<LendingActionLink>> =>
    pipe(
      deps.market.read({ user: wallet }),
      TE.map((read) => lendingActionLinks(read.account, deps.tokenOf, targetHealthFactorWad)),
    );
