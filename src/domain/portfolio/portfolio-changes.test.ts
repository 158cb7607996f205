import fc from 'fast-check';
import type { LendingPosition, LiquidityPosition, Portfolio, TokenBalance } from './portfolio';
import { portfolioChanges, portfolioUpdateType } from './portfolio-changes';
import { chainId, tokenAddress, tokenAmount, walletAddress } from '../../../tests/support/brands';

const sei = (balance: string, valueUSD: number): TokenBalance => ({
  token: 'native',
  symbol: 'SEI',
  name: 'Sei',
  decimals: 18,
  balance: tokenAmount(balance),
  balanceFormatted: balance,
  priceUSD: 0.5,
  valueUSD,
  change24h: 1,
  priceSource: 'coingecko',
  priceStale: false,
});

const usdc = (balance: string, valueUSD: number): TokenBalance => ({
  ...sei(balance, valueUSD),
  token: tokenAddress('0x3894085Ef7Ff0f0aeDf52E2A2704928d1Ec074F1'),
  symbol: 'USDC',
  name: 'USD Coin',
  decimals: 6,
  priceUSD: 1,
});

const supply = (amount: string, valueUSD: number): LendingPosition => ({
  id: 'yei:supply:USDC',
  platform: 'yei',
  type: 'supply',
  token: tokenAddress('0x3894085Ef7Ff0f0aeDf52E2A2704928d1Ec074F1'),
  tokenSymbol: 'USDC',
  amount: tokenAmount(amount),
  amountFormatted: amount,
  valueUSD,
  apy: 4.2,
  usageAsCollateral: true,
  liquidationThreshold: 0.8,
});

const lp = (liquidity: string, isInRange: boolean, fees0 = '0'): LiquidityPosition => ({
  id: '42',
  platform: 'dragonswap-v2',
  kind: 'concentrated',
  poolAddress: '0x0000000000000000000000000000000000000abc',
  token0: tokenAddress('0x0000000000000000000000000000000000000001'),
  token1: tokenAddress('0x0000000000000000000000000000000000000002'),
  token0Symbol: 'WSEI',
  token1Symbol: 'USDC',
  fee: 3000,
  liquidity,
  token0Amount: tokenAmount('10'),
  token1Amount: tokenAmount('20'),
  valueUSD: 30,
  uncollectedFees: { token0: tokenAmount(fees0), token1: tokenAmount('0'), valueUSD: 0 },
  priceRange: { lower: 0.1, upper: 0.2, current: 0.15 },
  isInRange,
});

const base: Portfolio = {
  walletAddress: walletAddress('0x1111111111111111111111111111111111111111'),
  chainId: chainId(1329),
  blockNumber: 100,
  totalValueUSD: 150,
  netWorthUSD: 150,
  totalSuppliedUSD: 0,
  totalBorrowedUSD: 0,
  totalLiquidityUSD: 0,
  healthFactor: null,
  tokenBalances: [sei('100', 50), usdc('100', 100)],
  lendingPositions: [],
  liquidityPositions: [],
  risk: {
    level: 'low',
    score: 10,
    healthFactor: null,
    liquidationRisk: 'none',
    concentration: { hhi: 0.5, topAsset: 'USDC', topWeight: 0.66 },
    stablecoinShare: 0.66,
    impermanentLossRisk: 0,
    factors: [],
    liquidationPrice: null,
  },
  unpricedTokens: 0,
  warnings: [],
  lastUpdated: '2025-01-01T00:00:00.000Z',
};

describe('portfolioChanges', () => {
  it('names the token whose balance moved, with the totals it moved, before and after', () => {
    const after: Portfolio = { ...base, totalValueUSD: 175, netWorthUSD: 175, tokenBalances: [sei('150', 75), usdc('100', 100)] };
    expect(portfolioChanges(base, after)).toEqual([
      { path: 'totalValueUSD', before: 150, after: 175 },
      { path: 'netWorthUSD', before: 150, after: 175 },
      { path: 'tokenBalances.native.balance', before: '100', after: '150' },
      { path: 'tokenBalances.native.valueUSD', before: 50, after: 75 },
    ]);
  });

  it('reports a token that appears or disappears as one change of the whole entry', () => {
    const gone: Portfolio = { ...base, tokenBalances: [sei('100', 50)] };
    expect(portfolioChanges(base, gone)).toEqual([{ path: `tokenBalances.${usdc('0', 0).token}`, before: usdc('100', 100), after: null }]);
    expect(portfolioChanges(gone, base)).toEqual([{ path: `tokenBalances.${usdc('0', 0).token}`, before: null, after: usdc('100', 100) }]);
  });

  it('ignores read metadata: lastUpdated, cachedAt, blockNumber, stale, warnings and price fields', () => {
    const reread: Portfolio = {
      ...base,
      blockNumber: 250,
      lastUpdated: '2025-01-01T00:05:00.000Z',
      cachedAt: '2025-01-01T00:05:00.000Z',
      stale: true,
      warnings: [{ source: 'yei', message: 'timed out' }],
      tokenBalances: [{ ...sei('100', 50), change24h: 7, priceStale: true }, usdc('100', 100)],
    };
    expect(portfolioChanges(base, reread)).toEqual([]);
  });

  it('follows lending positions by id, the health factor, and liquidity positions (range and fees)', () => {
    const before: Portfolio = { ...base, healthFactor: 2, lendingPositions: [supply('1000', 1000)], liquidityPositions: [lp('500', true)] };
    const after: Portfolio = {
      ...before,
      healthFactor: 1.5,
      lendingPositions: [{ ...supply('900', 900), apy: 4.3 }],
      liquidityPositions: [lp('500', false, '3')],
    };
    expect(portfolioChanges(before, after)).toEqual([
      { path: 'healthFactor', before: 2, after: 1.5 },
      { path: 'lendingPositions.yei:supply:USDC.amount', before: '1000', after: '900' },
      { path: 'lendingPositions.yei:supply:USDC.valueUSD', before: 1000, after: 900 },
      { path: 'liquidityPositions.42.isInRange', before: true, after: false },
      { path: 'liquidityPositions.42.uncollectedFees.token0', before: '0', after: '3' },
    ]);
  });

  it('finds nothing between a portfolio and itself, whatever its balances (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 30n }), { maxLength: 8 }), (balances) => {
        const p: Portfolio = { ...base, tokenBalances: balances.map((b, i) => ({ ...sei(b.toString(), Number(b) / 1e18), token: tokenAddress(`0x${i.toString(16).padStart(40, '0')}`) })) };
        expect(portfolioChanges(p, structuredClone(p))).toEqual([]);
      }),
    );
  });

  it('reports every changed balance exactly once (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.bigInt({ min: 0n, max: 10n ** 24n })), { minLength: 1, maxLength: 8 }), (pairs) => {
        const token = (i: number) => tokenAddress(`0x${(i + 1).toString(16).padStart(40, '0')}`);
        const before: Portfolio = { ...base, tokenBalances: pairs.map(([b], i) => ({ ...usdc(b.toString(), 1), token: token(i) })) };
        const after: Portfolio = { ...base, tokenBalances: pairs.map(([, a], i) => ({ ...usdc(a.toString(), 1), token: token(i) })) };
        const changed = pairs.flatMap(([b, a], i) => (a === b ? [] : [`tokenBalances.${token(i)}.balance`]));
        expect(portfolioChanges(before, after).map((c) => c.path)).toEqual(changed);
      }),
    );
  });
});

describe('portfolioUpdateType', () => {
  it('is balance_change when a token balance moved, even alongside positions', () => {
    expect(portfolioUpdateType([{ path: 'tokenBalances.native.balance', before: '1', after: '2' }, { path: 'healthFactor', before: 2, after: 1 }])).toBe('balance_change');
    expect(portfolioUpdateType([{ path: 'tokenBalances.0xabc', before: null, after: {} }])).toBe('balance_change');
  });

  it('is position_update when only positions or the health factor moved', () => {
    expect(portfolioUpdateType([{ path: 'lendingPositions.a.amount', before: '1', after: '2' }, { path: 'totalSuppliedUSD', before: 1, after: 2 }])).toBe('position_update');
    expect(portfolioUpdateType([{ path: 'healthFactor', before: 2, after: 1.9 }])).toBe('position_update');
  });

  it('is null when only USD valuations moved (a price change), or nothing did', () => {
    expect(portfolioUpdateType([{ path: 'totalValueUSD', before: 1, after: 2 }, { path: 'tokenBalances.native.valueUSD', before: 1, after: 2 }])).toBeNull();
    expect(portfolioUpdateType([])).toBeNull();
  });
});
