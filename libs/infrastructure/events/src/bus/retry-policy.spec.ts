import { RetryPolicy } from './retry-policy';

describe('RetryPolicy', () => {
  it('doubles the jitter ceiling per attempt up to the cap', () => {
    const highest = new RetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999_999 });
    expect([1, 2, 3, 4, 5].map((a) => highest.delayAfter(a))).toEqual([99, 199, 399, 799, 999]);
    const lowest = new RetryPolicy({ random: () => 0 });
    expect(lowest.delayAfter(3)).toBe(0);
    expect(lowest.attempts).toBe(3);
  });

  it('refuses nonsense settings', () => {
    expect(() => new RetryPolicy({ attempts: 0 })).toThrow(RangeError);
    expect(() => new RetryPolicy({ baseDelayMs: -1 })).toThrow(RangeError);
  });
});
