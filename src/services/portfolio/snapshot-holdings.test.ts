import { computePerformance } from '../../domain/performance';
import type { LendingPosition, LiquidityPosition, Portfolio, TokenBalance } from '../../domain/portfolio/portfolio';
import { holdingsOf } from './snapshot-holdings';
import { chainId, tokenAddress, tokenAmount, tokenKey, walletAddress } from '../../../tests/support/brands';

const WSEI = '0x0000000000000000000000000000000000000001';
const USDC = '0x0000000000000000000000000000000000000002';

const balance = (token: string, symbol: string, balanceFormatted: string, priceUSD: number | null): TokenBalance => ({
  token: tokenKey(token),
  symbol,
  name: symbol,
  decimals: 18,
  balance: tokenAmount('0'),
  balanceFormatted,
  priceUSD,
  valueUSD: priceUSD === null ? null : Number(balanceFormatted) * priceUSD,
  change24h: null,
  priceSource: priceUSD === null ? null : 'coingecko',
  priceStale: false,
});

const lending = (type: 'supply' | 'borrow', token: string, symbol: string, amountFormatted: string, valueUSD: number | null): LendingPosition => ({
  id: `yei:${type}:${token}`,
  platform: 'Yei Finance',
  type,
  token: tokenAddress(token),
  tokenSymbol: symbol,
  amount: tokenAmount('0'),
  amountFormatted,
  valueUSD,
  apy: 1,
  usageAsCollateral: type === 'supply',
  liquidationThreshold: type === 'supply' ? 0.8 : 0,
});

const lp = (id: string, liquidity: string, valueUSD: number | null): LiquidityPosition => ({
  id,
  platform: 'DragonSwap V2',
  kind: 'concentrated',
  poolAddress: '0x0000000000000000000000000000000000000003',
  token0: tokenAddress(WSEI),
  token1: tokenAddress(USDC),
  token0Symbol: 'WSEI',
  token1Symbol: 'USDC',
  fee: 3000,
  liquidity,
  token0Amount: tokenAmount('0'),
  token1Amount: tokenAmount('0'),
  valueUSD,
  uncollectedFees: { token0: tokenAmount('0'), token1: tokenAmount('0'), valueUSD: 0 },
  priceRange: { lower: 0.4, upper: 0.6, current: 0.5 },
  isInRange: true,
});

const portfolio = (parts: Pick<Portfolio, 'tokenBalances' | 'lendingPositions' | 'liquidityPositions' | 'totalValueUSD'>): Portfolio => ({
  walletAddress: walletAddress(WSEI),
  chainId: chainId(1329),
  blockNumber: 1,
  netWorthUSD: parts.totalValueUSD,
  totalSuppliedUSD: 0,
  totalBorrowedUSD: 0,
  totalLiquidityUSD: 0,
  healthFactor: null,
  risk: {
    level: 'low',
    score: 0,
    healthFactor: null,
    liquidationRisk: 'none',
    concentration: { hhi: 0, topAsset: null, topWeight: 0 },
    stablecoinShare: 0,
    impermanentLossRisk: 0,
    factors: [],
    liquidationPrice: null,
  },
  unpricedTokens: 0,
  warnings: [],
  lastUpdated: '2024-01-01T00:00:00.000Z',
  ...parts,
});

describe('holdingsOf', () => {
  it('keeps balances and supplied assets by token, each LP as liquidity × value per unit, and leaves debt out', () => {
    const p = portfolio({
      tokenBalances: [balance(WSEI, 'WSEI', '100', 0.5), balance(USDC, 'USDC', '40', 1)],
      lendingPositions: [lending('supply', WSEI, 'WSEI', '2000', 1000), lending('borrow', USDC, 'USDC', '300', 300), lending('supply', USDC, 'USDC', '0', 0)],
      liquidityPositions: [lp('7', '4000000', 250), lp('8', '0', 0)],
      totalValueUSD: 50 + 40 + 1000 + 250,
    });
    const holdings = holdingsOf(p);
    expect(holdings).toEqual([
      { key: WSEI, symbol: 'WSEI', quantity: 100, priceUSD: 0.5 },
      { key: USDC, symbol: 'USDC', quantity: 40, priceUSD: 1 },
      { key: WSEI, symbol: 'WSEI', quantity: 2000, priceUSD: 0.5 },
      { key: 'lp:DragonSwap V2:7', symbol: 'WSEI/USDC LP', quantity: 4_000_000, priceUSD: 250 / 4_000_000 },
    ]);
    const sum = holdings.reduce((s, h) => s + h.quantity * (h.priceUSD ?? 0), 0);
    expect(sum).toBeCloseTo(p.totalValueUSD, 9);
  });

  it('makes a price move on supplied and pooled tokens market PnL, and a deposit into the lending market no flow', () => {
    const at = (minutes: number) => new Date(Date.UTC(2024, 0, 1, 0, minutes));
    const point = (minutes: number, p: Portfolio) => ({ timestamp: at(minutes), totalValueUSD: p.totalValueUSD, netWorthUSD: p.netWorthUSD, holdings: holdingsOf(p) });
    // 0: 1000 WSEI in the wallet at $0.5 and an LP worth $250. 1: 800 of them supplied. 2: WSEI at $0.25, the LP at $200.
    const start = portfolio({ tokenBalances: [balance(WSEI, 'WSEI', '1000', 0.5)], lendingPositions: [], liquidityPositions: [lp('7', '1000', 250)], totalValueUSD: 750 });
    const supplied = portfolio({
      tokenBalances: [balance(WSEI, 'WSEI', '200', 0.5)],
      lendingPositions: [lending('supply', WSEI, 'WSEI', '800', 400)],
      liquidityPositions: [lp('7', '1000', 250)],
      totalValueUSD: 750,
    });
    const fallen = portfolio({
      tokenBalances: [balance(WSEI, 'WSEI', '200', 0.25)],
      lendingPositions: [lending('supply', WSEI, 'WSEI', '800', 200)],
      liquidityPositions: [lp('7', '1000', 200)],
      totalValueUSD: 450,
    });
    const perf = computePerformance([point(0, start), point(1, supplied), point(2, fallen)]);
    expect(perf.netFlowsUSD).toBeCloseTo(0, 9);
    expect(perf.marketPnlUSD).toBeCloseTo(-300, 9);
    expect(perf.timeWeightedReturn).toBeCloseTo(450 / 750 - 1, 9);
  });
});
