import fc from 'fast-check';
import { chunkListParameter } from './chunk-list-parameter';

const ADDRESS = (i: number): string => `0x${i.toString(16).padStart(40, '0')}`;

describe('chunkListParameter', () => {
  it('keeps 40 addresses in one request under an 8000-character URL', () => {
    const items = Array.from({ length: 40 }, (_, i) => ADDRESS(i));
    expect(chunkListParameter(items, { baseLength: 150, maxUrlLength: 8000, maxItems: 500 })).toEqual([items]);
  });

  it('splits 200 addresses by URL length: 42 characters plus a comma each', () => {
    const items = Array.from({ length: 200 }, (_, i) => ADDRESS(i));
    // budget 8000 - 150 = 7850 → floor((7850 + 1) / 43) = 182 addresses in the first request
    const chunks = chunkListParameter(items, { baseLength: 150, maxUrlLength: 8000, maxItems: 500 });
    expect(chunks.map((c) => c.length)).toEqual([182, 18]);
    expect(chunks.flat()).toEqual(items);
  });

  it('splits by the item limit', () => {
    const items = Array.from({ length: 25 }, (_, i) => ADDRESS(i));
    expect(chunkListParameter(items, { baseLength: 0, maxUrlLength: 100_000, maxItems: 10 }).map((c) => c.length)).toEqual([10, 10, 5]);
  });

  it('gives no request for no items, and a request of its own to an item over budget', () => {
    expect(chunkListParameter([], { baseLength: 0, maxUrlLength: 10, maxItems: 5 })).toEqual([]);
    expect(chunkListParameter(['a', 'bbbbbbbbbbbbbbbb', 'c'], { baseLength: 0, maxUrlLength: 10, maxItems: 5 })).toEqual([['a'], ['bbbbbbbbbbbbbbbb'], ['c']]);
  });

  it('keeps every item once and in order, and every multi-item chunk within both limits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 20 }),
        (items, baseLength, extra, maxItems) => {
          const limits = { baseLength, maxUrlLength: baseLength + extra, maxItems };
          const chunks = chunkListParameter(items, limits);
          expect(chunks.flat()).toEqual(items);
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            expect(chunk.length).toBeLessThanOrEqual(maxItems);
            if (chunk.length > 1) expect(chunk.map((i) => encodeURIComponent(i)).join(',').length).toBeLessThanOrEqual(extra);
          }
        },
      ),
    );
  });
});
