import { formatUnitsExact, toNumberApprox } from '../amounts';
import { assessRisk } from '../risk';
import type { ReadWarning, TokenHolding } from '../tokens/token-holding';
import type { LendingPosition, LiquidityPosition, Portfolio, TokenBalance } from './portfolio';

/** The subset of a price the valuation needs (the pricing port's Price satisfies it). */
export interface UnitPrice {
  readonly usd: number;
  readonly change24h: number | null;
  readonly source: 'coingecko' | 'dex';
  readonly stale: boolean;
}

export interface ValuationInput {
  readonly walletAddress: string;
  readonly chainId: number;
  readonly blockNumber: bigint;
  readonly holdings: ReadonlyArray<TokenHolding>;
  readonly prices: ReadonlyMap<string, UnitPrice>;
  readonly lendingPositions: ReadonlyArray<LendingPosition>;
  readonly liquidityPositions: ReadonlyArray<LiquidityPosition>;
  readonly healthFactor: number | null;
  readonly warnings: ReadonlyArray<ReadWarning>;
  readonly now: Date;
}

/** Rounds USD to the cent's hundredth, so sums of many small values do not drift in JSON. */
const usd = (x: number): number => Math.round(x * 1e4) / 1e4;

const sumKnown = (values: ReadonlyArray<number | null>): number => values.reduce<number>((s, v) => s + (v ?? 0), 0);

/** A token balance valued at its price; no price means `priceUSD: null` and `valueUSD: null`, never zero. */
export const valueHolding = (h: TokenHolding, price: UnitPrice | undefined): TokenBalance => {
  const quantity = toNumberApprox(h.balance, h.decimals);
  return {
    token: h.key,
    symbol: h.symbol,
    name: h.name,
    decimals: h.decimals,
    balance: h.balance.toString(),
    balanceFormatted: formatUnitsExact(h.balance, h.decimals),
    priceUSD: price?.usd ?? null,
    valueUSD: price === undefined ? null : usd(quantity * price.usd),
    change24h: price?.change24h ?? null,
    priceSource: price?.source ?? null,
    priceStale: price?.stale ?? false,
  };
};

/**
 * Values a read: totals count only priced amounts (unpriced tokens are counted apart), gross value = tokens +
 * supplied + liquidity, net worth = gross − borrowed, and the risk assessment of the result.
 */
export const valuePortfolio = (input: ValuationInput): Portfolio => {
  const tokenBalances = input.holdings.map((h) => valueHolding(h, input.prices.get(h.key)));
  const isStable = new Map(input.holdings.map((h) => [h.key, h.isStable]));
  const supplied = input.lendingPositions.filter((p) => p.type === 'supply');
  const borrowed = input.lendingPositions.filter((p) => p.type === 'borrow');
  const totalTokensUSD = usd(sumKnown(tokenBalances.map((b) => b.valueUSD)));
  const totalSuppliedUSD = usd(sumKnown(supplied.map((p) => p.valueUSD)));
  const totalBorrowedUSD = usd(sumKnown(borrowed.map((p) => p.valueUSD)));
  const totalLiquidityUSD = usd(sumKnown(input.liquidityPositions.map((p) => p.valueUSD)));
  const totalValueUSD = usd(totalTokensUSD + totalSuppliedUSD + totalLiquidityUSD);
  const netWorthUSD = usd(totalValueUSD - totalBorrowedUSD);
  const unpricedTokens = tokenBalances.filter((b) => b.priceUSD === null).length;
  const risk = assessRisk({
    healthFactor: input.healthFactor,
    holdings: [
      ...tokenBalances.map((b) => ({ symbol: b.symbol, valueUSD: b.valueUSD ?? 0, isStable: isStable.get(b.token) ?? false })),
      ...supplied.map((p) => ({ symbol: p.tokenSymbol, valueUSD: p.valueUSD ?? 0, isStable: input.holdings.some((h) => h.key === p.token && h.isStable) })),
    ],
    liquidity: input.liquidityPositions.map((p) => ({ valueUSD: p.valueUSD ?? 0, isInRange: p.isInRange, isVolatilePair: true })),
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
    lendingPositions: [...input.lendingPositions],
    liquidityPositions: [...input.liquidityPositions],
    risk: { ...risk, factors: [...risk.factors] },
    unpricedTokens,
    warnings: [...input.warnings],
    lastUpdated: input.now.toISOString(),
  };
};
