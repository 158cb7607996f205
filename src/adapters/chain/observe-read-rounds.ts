import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { ReadOutcome } from './execute-read-plans';
import type { ReadPlan } from './read-plan';

export type ReadChain = <A>(plans: ReadonlyArray<ReadPlan<A>>) => TE.TaskEither<AppError, ReadOutcome<A>>;

/** The same chain reader, telling `observe` how many round trips each successful read took. */
export const observeReadRounds =
  (readChain: ReadChain, observe: (rounds: number) => void): ReadChain =>
  (plans) =>
    pipe(
      readChain(plans),
      TE.tap((outcome) => TE.fromIO(() => observe(outcome.rounds))),
    );
