import fc from 'fast-check';
import { downsampleSeries } from './downsample-series';

const HOUR = 60 * 60 * 1000;
const at = (hours: number, id = hours) => ({ id, timestamp: new Date(Date.UTC(2025, 0, 1) + hours * HOUR) });

describe('downsampleSeries', () => {
  it('returns a short series whole, sorted by time', () => {
    const points = [at(3), at(1), at(2)];
    expect(downsampleSeries(points, 5).map((p) => p.id)).toEqual([1, 2, 3]);
  });

  it('keeps the first and last point and the latest point of each time bucket', () => {
    // 0..100 hours, 5 points allowed → 3 buckets of 33⅓ h over the interior points 1..99.
    const points = Array.from({ length: 101 }, (_, h) => at(h));
    expect(downsampleSeries(points, 5).map((p) => p.id)).toEqual([0, 33, 66, 99, 100]);
  });

  it('skips empty buckets', () => {
    const points = [at(0), at(1), at(2), at(98), at(100)];
    expect(downsampleSeries(points, 4).map((p) => p.id)).toEqual([0, 2, 98, 100]);
  });

  it('collapses a series without time span to its ends and treats maxPoints < 2 as 2', () => {
    expect(downsampleSeries([at(5, 1), at(5, 2), at(5, 3)], 2).map((p) => p.id)).toEqual([1, 3]);
    expect(downsampleSeries([at(0), at(1), at(2)], 0).map((p) => p.id)).toEqual([0, 2]);
  });

  it('defaults to at most 200 points', () => {
    const points = Array.from({ length: 1000 }, (_, h) => at(h));
    const result = downsampleSeries(points);
    expect(result.length).toBe(200);
  });

  it('never exceeds maxPoints, keeps both ends and returns an ordered subsequence of the input', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 500 }),
        fc.integer({ min: 2, max: 300 }),
        (hours, maxPoints) => {
          const points = hours.map((h) => at(h));
          const sorted = [...hours].sort((a, b) => a - b);
          const result = downsampleSeries(points, maxPoints).map((p) => p.id);
          expect(result.length).toBeLessThanOrEqual(Math.max(maxPoints, 2));
          expect(result[0]).toBe(sorted[0]);
          expect(result[result.length - 1]).toBe(sorted[sorted.length - 1]);
          expect(result).toEqual([...result].sort((a, b) => a - b));
          expect(new Set(result).size).toBe(result.length);
          if (hours.length <= maxPoints) expect(result).toEqual(sorted);
        },
      ),
    );
  });
});
