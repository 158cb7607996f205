import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type * as t from 'io-ts';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import { toValidationIssues } from '../../../domain/errors/validation-issues';
import { BorrowBody, RepayBody, SupplyBody, WithdrawBody } from '../../../domain/tx/codecs/lending-bodies';
import type { PreparedTransactions } from '../../../domain/tx/prepared-transactions';
import type { LendingService } from './lending-service';

/** One prepare route as a use-case: the body as the client sent it (decoded here, 400 ValidationFailed), for the signed-in wallet. */
export type PrepareFromBody = (wallet: Address, body: unknown) => TE.TaskEither<AppError, PreparedTransactions>;

const decodedThen =
  <A>(codec: t.Type<A, unknown, unknown>, prepare: (wallet: Address, body: A) => TE.TaskEither<AppError, PreparedTransactions>): PrepareFromBody =>
  (wallet, body) =>
    pipe(
      codec.decode(body),
      E.mapLeft((errors): AppError => ({ _tag: 'ValidationFailed', details: toValidationIssues('body', errors) })),
      TE.fromEither,
      TE.flatMap((decoded) => prepare(wallet, decoded)),
    );

/**
 * The lending prepare routes by path (API.md "Transactions"): what the HTTP routes serve, and what the AI's
 * prepare_transaction tool runs, so a body the model or a suggestion names is validated and prepared the same way.
 */
export const lendingPrepareRoutes = (service: LendingService): Readonly<Record<string, PrepareFromBody>> => ({
  '/api/tx/lending/supply': decodedThen(SupplyBody, service.supply),
  '/api/tx/lending/withdraw': decodedThen(WithdrawBody, service.withdraw),
  '/api/tx/lending/borrow': decodedThen(BorrowBody, service.borrow),
  '/api/tx/lending/repay': decodedThen(RepayBody, service.repay),
});
