import fc from 'fast-check';
import { tick } from '../../../../tests/support/arbitraries';
import { MAX_TICK, MIN_TICK } from '../../uniswap-v3';
import { checkMintRange, checkTickSpacing } from './check-mint-range';

const LOW = '0x1000000000000000000000000000000000000000';
const HIGH = '0xF000000000000000000000000000000000000000';

describe('checkMintRange', () => {
  it('accepts sorted tokens and MIN_TICK ≤ lower < upper ≤ MAX_TICK', () => {
    expect(checkMintRange({ token0: LOW, token1: HIGH, tickLower: MIN_TICK, tickUpper: MAX_TICK })).toEqual([]);
    expect(checkMintRange({ token0: LOW, token1: HIGH.toLowerCase() as `0x${string}`, tickLower: -60, tickUpper: 60 })).toEqual([]);
  });

  it('refuses tokens out of the pool order (or equal) on body.token1, and reversed or equal ticks on body.tickUpper', () => {
    expect(checkMintRange({ token0: HIGH, token1: LOW, tickLower: -60, tickUpper: 60 })).toEqual([{ path: 'body.token1', expected: 'an address above token0 (the pool order: token0 < token1)' }]);
    expect(checkMintRange({ token0: LOW, token1: LOW, tickLower: -60, tickUpper: 60 }).map((i) => i.path)).toEqual(['body.token1']);
    fc.assert(
      fc.property(tick, tick, (a, b) => {
        const [tickLower, tickUpper] = a >= b ? [a, b] : [b, a];
        expect(checkMintRange({ token0: LOW, token1: HIGH, tickLower, tickUpper })).toEqual([{ path: 'body.tickUpper', expected: 'a tick above tickLower' }]);
      }),
    );
  });

  it('refuses ticks beyond the TickMath bounds', () => {
    expect(checkMintRange({ token0: LOW, token1: HIGH, tickLower: MIN_TICK - 1, tickUpper: MAX_TICK + 1 }).map((i) => i.path)).toEqual(['body.tickLower', 'body.tickUpper']);
  });
});

describe('checkTickSpacing', () => {
  it('names each tick off the grid, and none on it', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 10, 60, 200), fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: -10_000, max: 10_000 }), (spacing, lower, upper) => {
        const expected = [...(lower % spacing === 0 ? [] : ['body.tickLower']), ...(upper % spacing === 0 ? [] : ['body.tickUpper'])];
        expect(checkTickSpacing({ tickLower: lower, tickUpper: upper }, spacing).map((i) => i.path)).toEqual(expected);
      }),
    );
    expect(checkTickSpacing({ tickLower: -61, tickUpper: 120 }, 60)).toEqual([{ path: 'body.tickLower', expected: "a multiple of the pool's tick spacing 60" }]);
  });
});
