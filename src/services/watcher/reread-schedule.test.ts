import { makeRereadSchedule } from './reread-schedule';

describe('makeRereadSchedule', () => {
  it('makes a wallet due one interval after it was first seen, then one interval after each read', () => {
    const s = makeRereadSchedule(1000);
    s.track(['A'], 0);
    expect(s.due(999, 10)).toEqual([]);
    expect(s.due(1000, 10)).toEqual(['A']);
    s.markRead('A', 1200);
    expect(s.due(2100, 10)).toEqual([]);
    expect(s.due(2200, 10)).toEqual(['A']);
  });

  it('lists the most overdue first and at most `limit`', () => {
    const s = makeRereadSchedule(1000);
    s.track(['A'], 500);
    s.track(['A', 'B'], 0);
    s.track(['A', 'B', 'C'], 300);
    expect(s.due(5000, 2)).toEqual(['B', 'C']);
  });

  it('forgets wallets no longer watched, and a read of an unwatched wallet does not bring it back', () => {
    const s = makeRereadSchedule(1000);
    s.track(['A', 'B'], 0);
    s.track(['B'], 10);
    s.markRead('A', 20);
    expect(s.due(5000, 10)).toEqual(['B']);
  });

  it('expireAll makes every watched wallet due at once', () => {
    const s = makeRereadSchedule(60_000);
    s.track(['A', 'B'], 0);
    s.expireAll();
    expect([...s.due(1, 10)].sort()).toEqual(['A', 'B']);
  });
});
