import fc from 'fast-check';
import { nextUtcMidnight, secondsUntilUtcMidnight, utcDay } from './utc-day';

describe('UTC day of a daily budget', () => {
  it('names the UTC calendar day and counts the seconds to its end', () => {
    expect(utcDay(new Date('2025-03-09T23:59:59.500Z'))).toBe('2025-03-09');
    expect(secondsUntilUtcMidnight(new Date('2025-03-09T23:59:59.500Z'))).toBe(1);
    expect(secondsUntilUtcMidnight(new Date('2025-03-09T00:00:00.000Z'))).toBe(86_400);
    expect(secondsUntilUtcMidnight(new Date('2025-03-09T18:30:00.000Z'))).toBe(5.5 * 3600);
    expect(nextUtcMidnight(new Date('2024-02-28T12:00:00Z')).toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('always waits between 1 second and a day, ending on the next day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (now) => {
        const seconds = secondsUntilUtcMidnight(now);
        expect(seconds).toBeGreaterThanOrEqual(1);
        expect(seconds).toBeLessThanOrEqual(86_400);
        expect(utcDay(new Date(now.getTime() + seconds * 1000))).not.toBe(utcDay(now));
      }),
    );
  });
});
