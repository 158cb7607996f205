import fc from 'fast-check';
import { splitBlockRange } from './split-block-range';

describe('splitBlockRange', () => {
  it('cuts 1..4500 into 2,000-block spans for Sei', () => {
    expect(splitBlockRange({ fromBlock: 1n, toBlock: 4500n })).toEqual([
      { fromBlock: 1n, toBlock: 2000n },
      { fromBlock: 2001n, toBlock: 4000n },
      { fromBlock: 4001n, toBlock: 4500n },
    ]);
  });

  it('keeps a single block, and is empty for an inverted range', () => {
    expect(splitBlockRange({ fromBlock: 7n, toBlock: 7n })).toEqual([{ fromBlock: 7n, toBlock: 7n }]);
    expect(splitBlockRange({ fromBlock: 8n, toBlock: 7n })).toEqual([]);
  });

  it('covers the range exactly, without gaps or overlaps, in spans no longer than the limit (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 20_000n }), fc.bigInt({ min: 100n, max: 3000n }), (from, length, size) => {
        const spans = splitBlockRange({ fromBlock: from, toBlock: from + length }, size);
        expect(spans[0]?.fromBlock).toBe(from);
        expect(spans[spans.length - 1]?.toBlock).toBe(from + length);
        spans.forEach((s, i) => {
          expect(s.toBlock - s.fromBlock + 1n <= size).toBe(true);
          if (i > 0) expect(s.fromBlock).toBe((spans[i - 1]?.toBlock ?? -2n) + 1n);
        });
      }),
    );
  });
});
