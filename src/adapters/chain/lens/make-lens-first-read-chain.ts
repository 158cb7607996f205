import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { Hex } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { Logger } from '../../../services/ports/logger';
import { appErrorOfRpcFailure } from '../classify-rpc-failure';
import type { ReadOutcome } from '../execute-read-plans';
import type { SeiClient } from '../make-sei-client';
import type { ReadPlan } from '../read-plan';
import { callPortfolioLens } from './call-portfolio-lens';
import { answerRead } from './lens-answers';
import { portfolioLensCallData, type WalletReadHint } from './portfolio-lens-request';
import type { PortfolioLensSetup } from './portfolio-lens-setup';
import { replayReadPlans } from './replay-read-plans';

/** Reads plans; with a hint naming the wallet and its tokens, the whole wallet may be read in one request. */
export type WalletReadChain = <A>(plans: ReadonlyArray<ReadPlan<A>>, hint?: WalletReadHint) => TE.TaskEither<AppError, ReadOutcome<A>>;

export interface LensFirstReadChainDeps {
  readonly client: SeiClient;
  readonly setup: PortfolioLensSetup;
  /** The round engine: the fallback, and the reader of plans that come without a hint. */
  readonly readInRounds: <A>(plans: ReadonlyArray<ReadPlan<A>>) => TE.TaskEither<AppError, ReadOutcome<A>>;
  readonly logger: Logger;
  /** Milliseconds clock for the pause after a refusal. */
  readonly now: () => number;
  /** How long the lens is not tried after the RPC refused it or answered garbage. Default 10 minutes. */
  readonly pauseAfterRefusalMs?: number;
  /** The lens's creation code (tests swap it). Default: the checked-in PortfolioLens. */
  readonly bytecode?: Hex;
}

export const DEFAULT_LENS_PAUSE_MS = 10 * 60 * 1000;

/** The rounds' outcome, counting the lens call that came before them as one more round trip. */
const afterTheLens = <A>(rounds: TE.TaskEither<AppError, ReadOutcome<A>>): TE.TaskEither<AppError, ReadOutcome<A>> =>
  TE.map((outcome: ReadOutcome<A>) => ({ ...outcome, rounds: outcome.rounds + 1 }))(rounds);

/**
 * Reads a wallet in ONE JSON-RPC request: the PortfolioLens (eth_call without `to`) makes every read the plans would
 * make, at one block, and the plans are replayed on its answers, so they produce exactly what the rounds would.
 * Falls back to the round engine when the RPC refuses code-only calls or answers garbage (then the lens rests for
 * `pauseAfterRefusalMs`), when the lens reverts, or when a plan wants a read the lens did not make. An unreachable
 * RPC fails the read as in the rounds (rpcFailureToAppError).
 */
export const makeLensFirstReadChain = (deps: LensFirstReadChainDeps): WalletReadChain => {
  const pauseMs = deps.pauseAfterRefusalMs ?? DEFAULT_LENS_PAUSE_MS;
  let restingUntil = Number.NEGATIVE_INFINITY;

  return <A>(plans: ReadonlyArray<ReadPlan<A>>, hint?: WalletReadHint): TE.TaskEither<AppError, ReadOutcome<A>> =>
    async () => {
      if (hint === undefined || deps.now() < restingUntil) return deps.readInRounds(plans)();
      const lens = await callPortfolioLens(deps.client, portfolioLensCallData(deps.setup, hint, deps.bytecode));
      if (lens.kind === 'unreachable') {
        deps.logger.warn('chain read failed', { path: 'lens' });
        return E.left(appErrorOfRpcFailure(lens.cause));
      }
      if (lens.kind === 'unusable') {
        if (lens.why !== 'reverted') restingUntil = deps.now() + pauseMs;
        deps.logger.warn('portfolio lens unusable: reading in rounds', { why: lens.why, detail: lens.detail, pausedForMs: lens.why === 'reverted' ? 0 : pauseMs });
        return afterTheLens(deps.readInRounds(plans))();
      }
      const replayed = replayReadPlans(plans, answerRead(lens.answers), deps.logger);
      if (E.isLeft(replayed)) {
        const { source, read } = replayed.left;
        deps.logger.warn('portfolio lens did not make a read a plan wants: reading in rounds', { source, read: `${read.address}.${read.functionName}` });
        return afterTheLens(deps.readInRounds(plans))();
      }
      return E.right({ blockNumber: lens.answers.blockNumber, rounds: 1, outcomes: replayed.right });
    };
};
