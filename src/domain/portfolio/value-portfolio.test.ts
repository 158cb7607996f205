import type { TokenAddress } from '../address/token-address';
import type { TokenHolding } from '../tokens/token-holding';
import type { UnpricedLendingPosition } from './unpriced-positions';
import { valuePortfolio, type UnitPrice } from './value-portfolio';
import { chainId, tokenAddress, tokenAmount, walletAddress } from '../../../tests/support/brands';

const price = (usd: number): UnitPrice => ({ usd, change24h: null, source: 'coingecko', stale: false });

const holding = (address: TokenAddress, symbol: string, decimals: number, balance: bigint): TokenHolding => ({
  key: address,
  address,
  symbol,
  name: symbol,
  decimals,
  coingeckoId: null,
  balance,
  isStable: false,
});

const DUST = tokenAddress('0x00000000000000000000000000000000000000d1');
const WHOLE = tokenAddress('0x00000000000000000000000000000000000000d2');
const LENT = tokenAddress('0x00000000000000000000000000000000000000d3');

const supply: UnpricedLendingPosition = {
  id: `yei:supply:${LENT}`,
  platform: 'Yei Finance',
  type: 'supply',
  token: LENT,
  tokenSymbol: 'LNT',
  amount: tokenAmount('12345'),
  amountFormatted: '0.012345',
  apy: 0,
  usageAsCollateral: true,
  liquidationThreshold: 0.8,
  tokenRef: { key: LENT, address: LENT, symbol: 'LNT', decimals: 6, coingeckoId: null },
  rawAmount: 12345n,
  isStable: false,
};

const valued = valuePortfolio({
  walletAddress: walletAddress('0x00000000000000000000000000000000000000f1'),
  chainId: chainId(1329),
  blockNumber: 1n,
  // 4 base units of a 6-decimal token at $1: $0.000004. 1.5 of an 18-decimal token at $2: $3.
  holdings: [holding(DUST, 'DST', 6, 4n), holding(WHOLE, 'WHL', 18, 1_500_000_000_000_000_000n)],
  // 0.012345 supplied at $1.5: $0.0185175.
  prices: new Map([
    [DUST, price(1)],
    [WHOLE, price(2)],
    [LENT, price(1.5)],
  ]),
  lendingPositions: [supply],
  liquidityPositions: [],
  healthFactor: null,
  warnings: [],
  now: new Date('2026-01-01T00:00:00Z'),
});

describe('valuePortfolio', () => {
  it('does not round USD values: a $0.000004 position is not $0', () => {
    expect(valued.tokenBalances.map((b) => [b.symbol, b.valueUSD])).toEqual([
      ['DST', 0.000004],
      ['WHL', 3],
    ]);
    expect(valued.lendingPositions[0]?.valueUSD).toBeCloseTo(0.0185175, 15);
  });

  it('sums the unrounded values: 3 + 0.000004 + 0.0185175 = 3.0185215', () => {
    expect(valued.totalSuppliedUSD).toBeCloseTo(0.0185175, 15);
    expect(valued.totalValueUSD).toBeCloseTo(3.0185215, 15);
    expect(valued.netWorthUSD).toBeCloseTo(3.0185215, 15);
    expect([valued.totalBorrowedUSD, valued.totalLiquidityUSD]).toEqual([0, 0]);
  });
});
