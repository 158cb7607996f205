import type { LiquidityPosition, Portfolio } from '../../src/domain/portfolio/portfolio';
import { chainId, tokenAddress, tokenAmount, tokenKey, walletAddress } from './brands';

export interface PortfolioScript {
  readonly wallet?: string;
  readonly healthFactor?: number | null;
  readonly netWorthUSD?: number;
  readonly liquidationRisk?: 'none' | 'low' | 'medium' | 'high' | 'critical';
  readonly prices?: Readonly<Record<string, number>>;
  readonly outOfRange?: ReadonlyArray<string>;
  readonly inRange?: ReadonlyArray<string>;
}

const position = (id: string, isInRange: boolean): LiquidityPosition => ({
  id,
  platform: 'dragonswap-v2',
  kind: 'concentrated',
  poolAddress: '0x0000000000000000000000000000000000000abc',
  token0: tokenAddress('0x0000000000000000000000000000000000000001'),
  token1: tokenAddress('0x0000000000000000000000000000000000000002'),
  token0Symbol: 'WSEI',
  token1Symbol: 'USDC',
  fee: 3000,
  liquidity: '1000',
  token0Amount: tokenAmount('1'),
  token1Amount: tokenAmount('1'),
  valueUSD: 100,
  uncollectedFees: { token0: tokenAmount('0'), token1: tokenAmount('0'), valueUSD: 0 },
  priceRange: { lower: 0.1, upper: 0.2, current: isInRange ? 0.15 : 0.3 },
  isInRange,
});

/** A portfolio with only the fields alerts look at set from the script; everything else plausible and fixed. */
export const scriptedPortfolio = (s: PortfolioScript = {}): Portfolio => {
  const netWorth = s.netWorthUSD ?? 1000;
  return {
    walletAddress: walletAddress(s.wallet ?? '0x1111111111111111111111111111111111111111'),
    chainId: chainId(1329),
    blockNumber: 100,
    totalValueUSD: netWorth,
    netWorthUSD: netWorth,
    totalSuppliedUSD: 0,
    totalBorrowedUSD: s.healthFactor === undefined || s.healthFactor === null ? 0 : 100,
    totalLiquidityUSD: 0,
    healthFactor: s.healthFactor ?? null,
    tokenBalances: Object.entries(s.prices ?? {}).map(([token, price]) => ({
      token: tokenKey(token),
      symbol: token === 'native' ? 'SEI' : 'TKN',
      name: token === 'native' ? 'Sei' : 'Token',
      decimals: 18,
      balance: tokenAmount('1000000000000000000'),
      balanceFormatted: '1',
      priceUSD: price,
      valueUSD: price,
      change24h: 0,
      priceSource: 'coingecko' as const,
      priceStale: false,
    })),
    lendingPositions: [],
    liquidityPositions: [...(s.outOfRange ?? []).map((id) => position(id, false)), ...(s.inRange ?? []).map((id) => position(id, true))],
    risk: {
      level: 'low',
      score: 10,
      healthFactor: s.healthFactor ?? null,
      liquidationRisk: s.liquidationRisk ?? 'none',
      liquidationPrice: null,
      concentration: { hhi: 1, topAsset: null, topWeight: 1 },
      stablecoinShare: 0,
      impermanentLossRisk: 0,
      factors: [],
    },
    unpricedTokens: 0,
    warnings: [],
    lastUpdated: '2025-01-01T00:00:00.000Z',
  };
};
