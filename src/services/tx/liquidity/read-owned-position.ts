import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { getAddress } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { PlanContext } from '../../../domain/tx/action-plan';
import type { AtBlock, PositionAtBlock, PositionManagerChain } from './ports';

/**
 * The position NFT `tokenId` at the plan's block, when the wallet owns it: 404 NOT_FOUND when no such NFT exists
 * (never minted, or burned), 403 NOT_OWNER when another address holds it (an operator approval is not enough here).
 */
export const readOwnedPosition = (chain: PositionManagerChain, tokenId: bigint, ctx: PlanContext): TE.TaskEither<AppError, AtBlock<PositionAtBlock>> =>
  pipe(
    chain.readPosition(tokenId, ctx.wallet, ctx.blockNumber),
    TE.flatMap(({ value, blockTimestamp }) => {
      if (value === null) return TE.left<AppError>({ _tag: 'NotFound', resource: `position ${tokenId}` });
      if (getAddress(value.owner) !== getAddress(ctx.wallet)) return TE.left<AppError>({ _tag: 'NotOwner', resource: 'position' });
      return TE.right({ value, blockTimestamp });
    }),
  );
