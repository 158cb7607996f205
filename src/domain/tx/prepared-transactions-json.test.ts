import { preparedTransactionsJson } from './prepared-transactions-json';
import type { PreparedTransactions } from './prepared-transactions';
import { chainId } from '../../../tests/support/brands';

const WSEI = '0xE30feDd158A2e3b13e9badaeABaFc5516e95e8C7';
const USDC = '0xe15fC38F6D8c56aF07bbCBe3BAf5708A2Bf42392';
const POOL = '0x0000000000000000000000000000000000000abc';
const SEI = chainId(1329);

const prepared = (overrides: Partial<PreparedTransactions> = {}): PreparedTransactions => ({
  action: 'swap',
  wallet: '0x0000000000000000000000000000000000000001',
  chainId: SEI,
  blockNumber: 123_456_789n,
  transactions: [{ to: POOL, data: '0x1234', value: 10n ** 18n, chainId: SEI, gas: 150_000n, description: 'Swap', kind: 'action' }],
  simulation: {
    ok: true,
    healthFactorBefore: 1_500_000_000_000_000_000n,
    healthFactorAfter: null,
    balanceChanges: [
      { token: 'native', symbol: 'SEI', decimals: 18, delta: -(10n ** 18n) },
      { token: USDC, symbol: 'USDC', decimals: 6, delta: 495_123n },
    ],
  },
  expiresAt: new Date('2026-12-03T12:01:00.000Z'),
  ...overrides,
});

describe('preparedTransactionsJson', () => {
  it('writes bigints as decimal strings, signed deltas with their formatted value, health factors as numbers (null without debt)', () => {
    expect(preparedTransactionsJson(prepared())).toEqual({
      action: 'swap',
      wallet: '0x0000000000000000000000000000000000000001',
      chainId: 1329,
      blockNumber: '123456789',
      transactions: [{ to: POOL, data: '0x1234', value: '1000000000000000000', chainId: 1329, gas: '150000', description: 'Swap', kind: 'action' }],
      simulation: {
        ok: true,
        healthFactorBefore: 1.5,
        healthFactorAfter: null,
        balanceChanges: [
          { token: 'native', symbol: 'SEI', delta: '-1000000000000000000', deltaFormatted: '-1' },
          { token: USDC, symbol: 'USDC', delta: '495123', deltaFormatted: '0.495123' },
        ],
      },
      expiresAt: '2026-12-03T12:01:00.000Z',
    });
  });

  it('writes a swap quote (fee only on V2 hops) and a liquidity quote with string amounts', () => {
    const swap = preparedTransactionsJson(
      prepared({ quote: { amountOut: 495_123n, amountOutMin: 492_647n, route: [{ pool: POOL, fee: 3000, version: 'v2' }, { pool: WSEI, version: 'v1' }], priceImpactBps: 12 } }),
    );
    expect(swap.quote).toEqual({ amountOut: '495123', amountOutMin: '492647', route: [{ pool: POOL, fee: 3000, version: 'v2' }, { pool: WSEI, version: 'v1' }], priceImpactBps: 12 });
    const liquidity = preparedTransactionsJson(prepared({ quote: { amount0: 1n, amount1: 2n, amount0Min: 0n, amount1Min: 1n, liquidity: 10n ** 20n } }));
    expect(liquidity.quote).toEqual({ amount0: '1', amount1: '2', amount0Min: '0', amount1Min: '1', liquidity: '100000000000000000000' });
  });

  it('carries the error of a failed or unsimulated run', () => {
    const failed = preparedTransactionsJson(prepared({ simulation: { ...prepared().simulation, ok: false, error: { code: 'SLIPPAGE', message: 'Too little received' } } }));
    expect(failed.simulation).toMatchObject({ ok: false, error: { code: 'SLIPPAGE', message: 'Too little received' } });
    const unsimulated = preparedTransactionsJson(prepared({ simulation: { ...prepared().simulation, ok: null, error: { code: 'NOT_SIMULATED', message: 'why' } } }));
    expect(unsimulated.simulation).toMatchObject({ ok: null, error: { code: 'NOT_SIMULATED', message: 'why' } });
  });
});
