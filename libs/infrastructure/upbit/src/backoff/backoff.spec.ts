import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 500, maxMs: 30_000 };

  it('doubles the ceiling per attempt up to the maximum', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, policy, () => 1))).toEqual([500, 1_000, 2_000, 4_000, 30_000]);
  });

  it('draws the wait from half to all of the ceiling', () => {
    expect(backoffDelay(2, policy, () => 0)).toBe(1_000);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(1_500);
  });
});
