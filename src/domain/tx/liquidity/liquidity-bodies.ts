import * as t from 'io-ts';
import { BaseUnitAmount } from '../codecs/base-unit-amount';
import { DEFAULT_SLIPPAGE_BPS, integerIn, Percent, SlippageBps, TokenAddressField, TokenIdString } from '../codecs/tx-body-fields';
import { txBody } from '../codecs/tx-body';
import { MAX_TICK, MIN_TICK } from '../../uniswap-v3';
import type { CollectFeesRequest, IncreaseLiquidityRequest, MintPositionRequest, RemoveLiquidityRequest } from './liquidity-requests';

// The bodies of POST /api/tx/liquidity/add, /remove and /collect (API.md "Transactions"), decoded to requests with
// the defaults applied. Static checks only; the planners check what needs the chain.

const Tick = integerIn('Tick', MIN_TICK, MAX_TICK);
/** A fee tier in hundredths of a bip (3000 = 0.3%), a uint24 above zero; whether a pool exists for it is the planner's. */
const FeeTier = integerIn('FeeTier', 1, 2 ** 24 - 1);

/** `add` that mints: `{ token0, token1, fee, tickLower, tickUpper, amount0Desired, amount1Desired, slippageBps? }`. */
export const MintBody = txBody(
  { token0: TokenAddressField, token1: TokenAddressField, fee: FeeTier, tickLower: Tick, tickUpper: Tick, amount0Desired: BaseUnitAmount, amount1Desired: BaseUnitAmount },
  { slippageBps: SlippageBps },
);

/** `add` to an existing position: `{ tokenId, amount0Desired, amount1Desired, slippageBps? }`. */
export const IncreaseBody = txBody({ tokenId: TokenIdString, amount0Desired: BaseUnitAmount, amount1Desired: BaseUnitAmount }, { slippageBps: SlippageBps });

export const RemoveBody = txBody({ tokenId: TokenIdString }, { percent: Percent, slippageBps: SlippageBps });

export const CollectBody = txBody({ tokenId: TokenIdString }, {});

/** Which `add` a body asks for: naming a `tokenId` adds to that position, else it mints. */
export const isIncreaseBody = (body: unknown): boolean => typeof body === 'object' && body !== null && 'tokenId' in body;

export const toMintRequest = (b: t.TypeOf<typeof MintBody>): MintPositionRequest => ({ ...b, slippageBps: b.slippageBps ?? DEFAULT_SLIPPAGE_BPS });
export const toIncreaseRequest = (b: t.TypeOf<typeof IncreaseBody>): IncreaseLiquidityRequest => ({ ...b, slippageBps: b.slippageBps ?? DEFAULT_SLIPPAGE_BPS });
export const toRemoveRequest = (b: t.TypeOf<typeof RemoveBody>): RemoveLiquidityRequest => ({
  tokenId: b.tokenId,
  percent: b.percent ?? 100,
  slippageBps: b.slippageBps ?? DEFAULT_SLIPPAGE_BPS,
});
export const toCollectRequest = (b: t.TypeOf<typeof CollectBody>): CollectFeesRequest => ({ tokenId: b.tokenId });
