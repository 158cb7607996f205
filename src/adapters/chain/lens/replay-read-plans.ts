import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Logger } from '../../../services/ports/logger';
import type { PlanOutcome } from '../execute-read-plans';
import type { ContractRead, ReadPlan, ReadResult, ReadStep } from '../read-plan';

/** A read a plan wanted that the answers do not hold. */
export interface UnansweredRead {
  readonly source: string;
  readonly read: ContractRead;
}

/** Same bound as the round engine: a plan that keeps asking fails alone. */
const MAX_ROUNDS = 6;

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** One plan run to its end on the answers; Left when it wants a read they do not hold. */
const replayPlan = <A>(plan: ReadPlan<A>, answer: (read: ContractRead) => ReadResult | undefined, logger: Logger): E.Either<UnansweredRead, PlanOutcome<A>> => {
  let step: ReadStep<A> = plan.start;
  for (let round = 0; 'reads' in step; round += 1) {
    if (round >= MAX_ROUNDS) return E.right({ source: plan.source, result: E.left(new Error('too many read rounds')) });
    const results: ReadResult[] = [];
    for (const read of step.reads) {
      const result = answer(read);
      if (result === undefined) return E.left({ source: plan.source, read });
      results.push(result);
    }
    try {
      step = step.next(results);
    } catch (cause) {
      logger.warn('a read source failed; the others are kept', { source: plan.source, cause: toError(cause).message });
      return E.right({ source: plan.source, result: E.left(toError(cause)) });
    }
  }
  if ('failed' in step) {
    logger.warn('a read source failed; the others are kept', { source: plan.source, cause: step.failed.message });
    return E.right({ source: plan.source, result: E.left(step.failed) });
  }
  return E.right({ source: plan.source, result: E.right(step.done) });
};

/**
 * Runs every plan to its end on answers already in hand (no I/O), as the round engine would have run it: a plan that
 * fails (or whose continuation throws) fails alone, with the engine's warning. Left names the first read no answer covers: the answers
 * do not describe this read, and the caller reads in rounds instead.
 */
export const replayReadPlans = <A>(
  plans: ReadonlyArray<ReadPlan<A>>,
  answer: (read: ContractRead) => ReadResult | undefined,
  logger: Logger,
): E.Either<UnansweredRead, ReadonlyArray<PlanOutcome<A>>> => pipe(plans, E.traverseArray((plan) => replayPlan(plan, answer, logger)));
