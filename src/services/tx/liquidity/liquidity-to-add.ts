import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { AllowanceNeed, ExpectedBalanceChange, LiquidityQuote } from '../../../domain/tx/action-plan';
import { minAfterSlippage } from '../../../domain/tx/min-after-slippage';
import { getAmountsForLiquidity, getLiquidityForAmounts, getSqrtRatioAtTick } from '../../../domain/uniswap-v3';
import type { PoolAtBlock } from './ports';

export interface LiquidityToAdd {
  readonly quote: LiquidityQuote;
  readonly allowances: ReadonlyArray<AllowanceNeed>;
  readonly balanceChanges: ReadonlyArray<ExpectedBalanceChange>;
}

export interface AddInput {
  readonly pool: PoolAtBlock;
  readonly tickLower: number;
  readonly tickUpper: number;
  readonly amount0Desired: bigint;
  readonly amount1Desired: bigint;
  readonly slippageBps: number;
  readonly positionManager: Address;
}

/**
 * What mint or increaseLiquidity does at the pool's price: the liquidity the desired amounts buy
 * (LiquidityAmounts.getLiquidityForAmounts) and what the pool charges for it (rounded up), the minimums from the
 * slippage, and one allowance per token the call pays, of the desired amount — the most the position manager can
 * pull whatever the price when the transaction lands. No liquidity → 422 NOTHING_TO_DO; above uint128 → 400.
 */
export const liquidityToAdd = (input: AddInput): E.Either<AppError, LiquidityToAdd> => {
  const { pool, tickLower, tickUpper } = input;
  return pipe(
    E.tryCatch(
      () => getLiquidityForAmounts(pool.sqrtPriceX96, getSqrtRatioAtTick(tickLower), getSqrtRatioAtTick(tickUpper), input.amount0Desired, input.amount1Desired),
      (): AppError => ({ _tag: 'ValidationFailed', details: [{ path: 'body.amount0Desired', expected: 'amounts whose liquidity fits a uint128' }] }),
    ),
    E.filterOrElse(
      (liquidity) => liquidity > 0n,
      (): AppError => ({ _tag: 'UnprocessableTx', code: 'NOTHING_TO_DO', message: 'These amounts add no liquidity to this range at the current price' }),
    ),
    E.map((liquidity) => charged(input, liquidity)),
  );
};

const charged = (input: AddInput, liquidity: bigint): LiquidityToAdd => {
  const { pool, tickLower, tickUpper } = input;
  const { amount0, amount1 } = getAmountsForLiquidity(pool.sqrtPriceX96, tickLower, tickUpper, liquidity, true);
  const paid = [
    { token: pool.token0, amount: amount0, desired: input.amount0Desired },
    { token: pool.token1, amount: amount1, desired: input.amount1Desired },
  ].filter((p) => p.amount > 0n);
  return {
    quote: { amount0, amount1, amount0Min: minAfterSlippage(amount0, input.slippageBps), amount1Min: minAfterSlippage(amount1, input.slippageBps), liquidity },
    allowances: paid.map((p) => ({ token: p.token, spender: input.positionManager, amount: p.desired })),
    balanceChanges: paid.map((p) => ({ token: p.token, delta: -p.amount })),
  };
};
