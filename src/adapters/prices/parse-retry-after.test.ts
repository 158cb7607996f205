import { parseRetryAfter } from './parse-retry-after';

const NOW = Date.UTC(2024, 0, 15, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date as the seconds until it, rounded up', () => {
    expect(parseRetryAfter('Mon, 15 Jan 2024 12:01:30 GMT', NOW)).toBe(90);
    expect(parseRetryAfter(new Date(NOW + 1500).toUTCString(), NOW - 500)).toBe(2);
  });

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter('Mon, 15 Jan 2024 11:00:00 GMT', NOW)).toBe(0);
  });

  it('gives undefined when absent or unreadable', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
  });
});
