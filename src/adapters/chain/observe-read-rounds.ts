import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { ReadOutcome } from './execute-read-plans';
import type { WalletReadHint } from './lens/portfolio-lens-request';
import type { ReadPlan } from './read-plan';

/** Reads plans at one block; the optional wallet hint lets a lens read the whole wallet in one request. */
export type ReadChain = <A>(plans: ReadonlyArray<ReadPlan<A>>, wallet?: WalletReadHint) => TE.TaskEither<AppError, ReadOutcome<A>>;

/** The same chain reader, telling `observe` how many round trips each successful read took. */
export const observeReadRounds =
  (readChain: ReadChain, observe: (rounds: number) => void): ReadChain =>
  (plans, wallet) =>
    pipe(
      readChain(plans, wallet),
      TE.tap((outcome) => TE.fromIO(() => observe(outcome.rounds))),
    );
