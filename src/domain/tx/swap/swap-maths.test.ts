import fc from 'fast-check';
import { uint112Reserve } from '../../../../tests/support/arbitraries';
import { priceImpactBps, v1MidRate, v3MidRate } from './mid-price';
import { v1AmountOut } from './v1-amount-out';
import { encodeV3Path } from './v3-path';
import { swapRouter02PairFor } from './v1-pair-address';

const Q96 = 2n ** 96n;
const positiveReserve = uint112Reserve.filter((r) => r > 0n);

describe('v1AmountOut (UniswapV2Library.getAmountOut)', () => {
  it('pays what the pair pays, worked by hand: 10,000 into 1,000,000 / 1,000,000 gives 9,871', () => {
    // 10000 × 997 × 1e6 / (1e6 × 1000 + 10000 × 997) = 9.97e12 / 1.00997e9 = 9871.58…
    expect(v1AmountOut(10_000n, 1_000_000n, 1_000_000n)).toBe(9_871n);
    expect(v1AmountOut(0n, 1_000n, 1_000n)).toBe(0n);
    expect(v1AmountOut(1_000n, 0n, 1_000n)).toBe(0n);
  });

  it('never pays the whole reserve and pays more for more', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 100n }), positiveReserve, positiveReserve, (amountIn, reserveIn, reserveOut) => {
        const out = v1AmountOut(amountIn, reserveIn, reserveOut);
        expect(out < reserveOut).toBe(true);
        expect(v1AmountOut(amountIn + 1n, reserveIn, reserveOut) >= out).toBe(true);
      }),
    );
  });
});

describe('priceImpactBps', () => {
  it('a V1 hop, worked by hand: 10,000 into 1e6 / 1e6 (mid 10,000) paying 9,871 is 129 bps (fee included)', () => {
    expect(priceImpactBps(10_000n, 9_871n, [v1MidRate(1_000_000n, 1_000_000n)])).toBe(129);
  });

  it('a V3 pool at sqrtPriceX96 = 2·2^96 prices token1 at 4 per token0 one way and 1/4 the other', () => {
    // Mid out 4,000; paid 3,960: 1%.
    expect(priceImpactBps(1_000n, 3_960n, [v3MidRate(2n * Q96, true)])).toBe(100);
    // Mid out 250; paid 240: 4%.
    expect(priceImpactBps(1_000n, 240n, [v3MidRate(2n * Q96, false)])).toBe(400);
  });

  it('two hops multiply their rates: 2 then 3 per unit is a mid of 6 per unit', () => {
    expect(priceImpactBps(100n, 594n, [v1MidRate(1n, 2n), v1MidRate(1n, 3n)])).toBe(100);
  });

  it('is 0 when the execution is at or above the mid price, and at most 10000', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 100n }), fc.bigInt({ min: 0n, max: 2n ** 100n }), positiveReserve, positiveReserve, (amountIn, amountOut, rIn, rOut) => {
        const bps = priceImpactBps(amountIn, amountOut, [v1MidRate(rIn, rOut)]);
        expect(bps >= 0 && bps <= 10_000).toBe(true);
        const isAtOrAboveMid = amountOut * rIn >= amountIn * rOut;
        expect(isAtOrAboveMid ? bps : 0).toBe(0);
      }),
    );
  });
});

describe('encodeV3Path', () => {
  it('packs token (20 bytes), fee (3 bytes), token, fee, token', () => {
    const a = '0x1111111111111111111111111111111111111111';
    const b = '0x2222222222222222222222222222222222222222';
    const c = '0x3333333333333333333333333333333333333333';
    expect(encodeV3Path([{ tokenIn: a, tokenOut: b, fee: 3_000 }, { tokenIn: b, tokenOut: c, fee: 500 }])).toBe(
      `0x${'11'.repeat(20)}000bb8${'22'.repeat(20)}0001f4${'33'.repeat(20)}`,
    );
  });
});

describe('swapRouter02PairFor', () => {
  it('finds the Ethereum mainnet Uniswap V2 USDC/WETH pair from its factory, whatever the token order', () => {
    const factory = '0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f';
    const usdc = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
    const weth = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';
    expect(swapRouter02PairFor(factory, usdc, weth)).toBe('0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc');
    expect(swapRouter02PairFor(factory, weth, usdc)).toBe('0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc');
  });
});
