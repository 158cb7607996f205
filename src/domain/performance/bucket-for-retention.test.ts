import fc from 'fast-check';
import { bucketForRetention, type RetentionRow } from './bucket-for-retention';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = new Date(Date.UTC(2025, 6, 1, 12, 30));
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

describe('bucketForRetention', () => {
  it('keeps every snapshot from the last 7 days', () => {
    const rows = [0, 1, 2, 3].map((i) => ({ id: `r${i}`, timestamp: ago(6 * DAY + i * MINUTE) }));
    expect(bucketForRetention(rows, NOW)).toEqual({ keep: ['r0', 'r1', 'r2', 'r3'], drop: [] });
  });

  it('keeps the last snapshot of each UTC hour between 7 and 90 days', () => {
    const hourStart = new Date(Date.UTC(2025, 5, 1, 9, 0)); // 30 days before NOW
    const rows = [
      { id: 1, timestamp: new Date(hourStart.getTime() + 5 * MINUTE) },
      { id: 2, timestamp: new Date(hourStart.getTime() + 55 * MINUTE) },
      { id: 3, timestamp: new Date(hourStart.getTime() + 30 * MINUTE) },
      { id: 4, timestamp: new Date(hourStart.getTime() + 65 * MINUTE) }, // next hour
    ];
    expect(bucketForRetention(rows, NOW)).toEqual({ keep: [2, 4], drop: [1, 3] });
  });

  it('keeps the last snapshot of each UTC day beyond 90 days', () => {
    const dayStart = new Date(Date.UTC(2025, 0, 10)); // ~172 days before NOW
    const rows = [
      { id: 'a', timestamp: new Date(dayStart.getTime() + 1 * HOUR) },
      { id: 'b', timestamp: new Date(dayStart.getTime() + 23 * HOUR) },
      { id: 'c', timestamp: new Date(dayStart.getTime() + 12 * HOUR) },
      { id: 'd', timestamp: new Date(dayStart.getTime() + 25 * HOUR) }, // next day
    ];
    expect(bucketForRetention(rows, NOW)).toEqual({ keep: ['b', 'd'], drop: ['a', 'c'] });
  });

  it('breaks timestamp ties in favour of the row later in the input', () => {
    const t = ago(100 * DAY);
    expect(bucketForRetention([{ id: 1, timestamp: t }, { id: 2, timestamp: t }], NOW)).toEqual({ keep: [2], drop: [1] });
  });

  it('keeps rows dated in the future', () => {
    expect(bucketForRetention([{ id: 1, timestamp: new Date(NOW.getTime() + HOUR) }], NOW).keep).toEqual([1]);
  });

  const rowsArb = fc
    .array(fc.integer({ min: -2 * DAY, max: 200 * DAY }), { maxLength: 300 })
    .map((ages): ReadonlyArray<RetentionRow<number>> => ages.map((age, id) => ({ id, timestamp: ago(age) })));

  const keptRows = (rows: ReadonlyArray<RetentionRow<number>>, now: Date) => {
    const keep = new Set(bucketForRetention(rows, now).keep);
    return rows.filter((row) => keep.has(row.id));
  };

  it('is idempotent: applying it to what it kept keeps all of it', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const once = keptRows(rows, NOW);
        expect(bucketForRetention(once, NOW)).toEqual({ keep: once.map((r) => r.id), drop: [] });
      }),
    );
  });

  it('partitions the input: every id is either kept or dropped', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const plan = bucketForRetention(rows, NOW);
        expect([...plan.keep, ...plan.drop].sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
      }),
    );
  });

  it('an earlier pass never changes what a later pass keeps', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 0, max: 120 * DAY }), (rows, laterBy) => {
        const later = new Date(NOW.getTime() + laterBy);
        const direct = bucketForRetention(rows, later).keep;
        const afterEarlierPass = bucketForRetention(keptRows(rows, NOW), later).keep;
        expect(afterEarlierPass).toEqual(direct);
      }),
    );
  });
});
