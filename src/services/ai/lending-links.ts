import * as E from 'fp-ts/Either';
import type * as T from 'fp-ts/Task';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { healthFactorWadOf, type LendingActionLink } from '../../domain/tx/lending';
import type { AssistantDeps } from './assistant-deps';

/** A suggestion as the API answers it, when the server backs it with a prepare link. */
export const linkedSuggestion = ({ action, rationale, expectedImpact, prepare }: LendingActionLink) => ({ action, rationale, expectedImpact, prepare });

/**
 * The lending actions backed by a prepare link for `wallet` at `targetHealthFactor`: none when there is no lending
 * market, or when it cannot be read right now (logged; the answer goes out without them).
 */
export const readLendingLinks =
  (deps: Pick<AssistantDeps, 'data' | 'logger'>) =>
  (wallet: WalletAddress, targetHealthFactor: number): T.Task<ReadonlyArray<LendingActionLink>> =>
  async () => {
    const read = deps.data.lendingActions;
    if (read === undefined) return [];
    const links = await read(wallet, healthFactorWadOf(targetHealthFactor))();
    if (E.isLeft(links)) deps.logger.warn('lending action links unavailable; answering without them', { error: links.left._tag });
    return E.isRight(links) ? links.right : [];
  };
