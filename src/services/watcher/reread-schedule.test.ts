import { makeRereadSchedule } from './reread-schedule';

describe('makeRereadSchedule', () => {
  it('makes a wallet due as soon as it is first seen, then one interval after each read', () => {
    const s = makeRereadSchedule(1000);
    s.track(['A'], 0);
    expect(s.due(0, 10)).toEqual(['A']);
    s.markRead('A', 200);
    expect(s.due(1199, 10)).toEqual([]);
    expect(s.due(1200, 10)).toEqual(['A']);
  });

  it('does not make a known wallet due again when the watched set is listed again', () => {
    const s = makeRereadSchedule(1000);
    s.track(['A'], 0);
    s.markRead('A', 10);
    s.track(['A'], 500);
    expect(s.due(900, 10)).toEqual([]);
  });

  it('lists the most overdue first and at most `limit`', () => {
    const s = makeRereadSchedule(1000);
    s.track(['A', 'B', 'C'], 0);
    s.markRead('A', 500);
    s.markRead('B', 100);
    s.markRead('C', 300);
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
    s.markRead('A', 1);
    s.markRead('B', 1);
    s.expireAll();
    expect([...s.due(2, 10)].sort()).toEqual(['A', 'B']);
  });
});
