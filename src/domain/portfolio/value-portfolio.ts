import type { WalletAddress } from '../address/wallet-address';
import { tokenAmountOf } from '../address/token-amount';
import { formatUnitsExact } from '../amounts';
import { liquidationPriceOfLargestCollateral } from '../lending';
import { assessRisk } from '../risk';
import type { ReadWarning, TokenHolding } from '../tokens/token-holding';
import type { Portfolio, TokenBalance } from './portfolio';
import type { UnpricedLendingPosition, UnpricedLiquidityPosition } from './unpriced-positions';
import { usdValueOf, valueLendingPosition, valueLiquidityPosition, type PriceLookup, type UnitPrice } from './value-positions';
import type { ChainId } from '../address/chain-id';

export type { UnitPrice };

export interface ValuationInput {
  readonly walletAddress: WalletAddress;
  readonly chainId: ChainId;
  readonly blockNumber: bigint;
  readonly holdings: ReadonlyArray<TokenHolding>;
  readonly prices: PriceLookup;
  readonly lendingPositions: ReadonlyArray<UnpricedLendingPosition>;
  readonly liquidityPositions: ReadonlyArray<UnpricedLiquidityPosition>;
  readonly healthFactor: number | null;
  readonly warnings: ReadonlyArray<ReadWarning>;
  readonly now: Date;
}

const sumKnown = (values: ReadonlyArray<number | null>): number => values.reduce<number>((s, v) => s + (v ?? 0), 0);

/** A token balance valued at its price; no price means `priceUSD: null` and `valueUSD: null`, never zero. */
export const valueHolding = (h: TokenHolding, price: UnitPrice | undefined): TokenBalance => ({
  token: h.key,
  symbol: h.symbol,
  name: h.name,
  decimals: h.decimals,
  balance: tokenAmountOf(h.balance),
  balanceFormatted: formatUnitsExact(h.balance, h.decimals),
  priceUSD: price?.usd ?? null,
  valueUSD: usdValueOf(h.balance, h.decimals, price),
  change24h: price?.change24h ?? null,
  priceSource: price?.source ?? null,
  priceStale: price?.stale ?? false,
});

/**
 * Values a read: totals count only priced amounts (unpriced tokens are counted apart), gross value = tokens +
 * supplied + liquidity, net worth = gross − borrowed; then the risk assessment, with the liquidation price of the
 * largest collateral.
 */
export const valuePortfolio = (input: ValuationInput): Portfolio => {
  const tokenBalances = input.holdings.map((h) => valueHolding(h, input.prices.get(h.key)));
  const lendingPositions = input.lendingPositions.map((p) => valueLendingPosition(p, input.prices));
  const liquidityPositions = input.liquidityPositions.map((p) => valueLiquidityPosition(p, input.prices));
  const supplied = lendingPositions.filter((p) => p.type === 'supply');
  const borrowed = lendingPositions.filter((p) => p.type === 'borrow');
  // Sums of the unrounded values (API.md): a $0.000004 position counts.
  const totalTokensUSD = sumKnown(tokenBalances.map((b) => b.valueUSD));
  const totalSuppliedUSD = sumKnown(supplied.map((p) => p.valueUSD));
  const totalBorrowedUSD = sumKnown(borrowed.map((p) => p.valueUSD));
  const totalLiquidityUSD = sumKnown(liquidityPositions.map((p) => p.valueUSD));
  const totalValueUSD = totalTokensUSD + totalSuppliedUSD + totalLiquidityUSD;
  const netWorthUSD = totalValueUSD - totalBorrowedUSD;
  const isStableToken = new Map(input.holdings.map((h) => [h.key, h.isStable]));
  const risk = assessRisk({
    healthFactor: input.healthFactor,
    holdings: [
      ...tokenBalances.map((b) => ({ symbol: b.symbol, valueUSD: b.valueUSD ?? 0, isStable: isStableToken.get(b.token) ?? false })),
      ...input.lendingPositions
        .filter((p) => p.type === 'supply')
        .map((p, i) => ({ symbol: p.tokenSymbol, valueUSD: supplied[i]?.valueUSD ?? 0, isStable: p.isStable })),
    ],
    liquidity: input.liquidityPositions.map((p, i) => ({ valueUSD: liquidityPositions[i]?.valueUSD ?? 0, isInRange: p.isInRange, isVolatilePair: p.isVolatilePair })),
    totalDebtUSD: totalBorrowedUSD,
    netWorthUSD,
  });
  return {
    walletAddress: input.walletAddress,
    chainId: input.chainId,
    blockNumber: Number(input.blockNumber),
    totalValueUSD,
    netWorthUSD,
    totalSuppliedUSD,
    totalBorrowedUSD,
    totalLiquidityUSD,
    healthFactor: input.healthFactor,
    tokenBalances,
    lendingPositions,
    liquidityPositions,
    risk: { ...risk, factors: [...risk.factors], liquidationPrice: liquidationPriceOfLargestCollateral(lendingPositions, totalBorrowedUSD) },
    unpricedTokens: tokenBalances.filter((b) => b.priceUSD === null).length,
    warnings: [...input.warnings],
    lastUpdated: input.now.toISOString(),
  };
};
