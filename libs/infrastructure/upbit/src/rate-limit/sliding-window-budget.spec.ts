import fc from 'fast-check';
import { BudgetEntry, SlidingWindowBudget } from './sliding-window-budget';

interface Sent {
  readonly grantedAt: number;
  /** When the server counts it. */
  readonly arrivesAt: number;
}

/**
 * Sends requests as fast as the budget allows, in order. Request i reaches the server `delays[i][0]`
 * ms after its grant and its answer comes back `delays[i][1]` ms later, when it is settled.
 */
function simulate(budget: SlidingWindowBudget, wantedAt: number[], delays: Array<[number, number]>): Sent[] {
  const pending: Array<{ at: number; entry: BudgetEntry }> = [];
  const sent: Sent[] = [];
  let now = 0;
  const settleUpTo = (t: number): void => {
    for (const p of pending.filter((x) => x.at <= t)) budget.settle(p.entry, p.at);
    pending.splice(0, pending.length, ...pending.filter((x) => x.at > t));
  };
  wantedAt.forEach((wanted, i) => {
    now = Math.max(now, wanted);
    for (;;) {
      settleUpTo(now);
      const next = budget.nextSendAt(now);
      if (next <= now) break;
      const nextSettle = Math.min(...pending.map((p) => p.at));
      now = Math.min(next, nextSettle);
    }
    const [toServer, back] = delays[i % delays.length];
    const entry = budget.record();
    pending.push({ at: now + toServer + back, entry });
    sent.push({ grantedAt: now, arrivesAt: now + toServer });
  });
  return sent;
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    let count = 0;
    for (let j = i; j < sorted.length && sorted[j] < sorted[i] + windowMs; j += 1) count += 1;
    best = Math.max(best, count);
  }
  return best;
}

const arrivals = fc.array(fc.nat({ max: 5_000 }), { minLength: 1, maxLength: 150 }).map((a) => [...a].sort((x, y) => x - y));

describe('SlidingWindowBudget', () => {
  it('never lets more than margin x limit requests reach Upbit in any window, whatever the network delays', () => {
    fc.assert(
      fc.property(arrivals, fc.array(fc.tuple(fc.nat({ max: 2_000 }), fc.nat({ max: 300 })), { minLength: 1, maxLength: 20 }), (wanted, delays) => {
        const sent = simulate(new SlidingWindowBudget([{ limit: 10, windowMs: 1_000 }], 0.8, 0), wanted, delays);
        expect(maxInAnyWindow(sent.map((s) => s.arrivesAt), 1_000)).toBeLessThanOrEqual(8);
      }),
    );
  });

  it('holds when a burst is held up on its way and the next one is not (what a busy pool does)', () => {
    const held: Array<[number, number]> = [
      ...Array.from({ length: 8 }, (): [number, number] => [990, 5]),
      ...Array.from({ length: 8 }, (): [number, number] => [0, 5]),
    ];
    const budget = new SlidingWindowBudget([{ limit: 10, windowMs: 1_000 }], 0.8, 0);
    const sent = simulate(budget, Array.from({ length: 16 }, () => 0), held);
    expect(maxInAnyWindow(sent.map((s) => s.arrivesAt), 1_000)).toBeLessThanOrEqual(8);
  });

  it('holds for any mix of slow and fast requests', () => {
    const delay = fc.constantFrom<[number, number]>([0, 0], [0, 50], [990, 5], [500, 400], [1_500, 0]);
    fc.assert(
      fc.property(fc.array(delay, { minLength: 16, maxLength: 64 }), (delays) => {
        const budget = new SlidingWindowBudget([{ limit: 10, windowMs: 1_000 }], 0.8, 0);
        const sent = simulate(budget, Array.from({ length: delays.length }, () => 0), delays);
        expect(maxInAnyWindow(sent.map((s) => s.arrivesAt), 1_000)).toBeLessThanOrEqual(8);
      }),
    );
  });

  it('a request held up in flight holds its slot until it is settled', () => {
    const budget = new SlidingWindowBudget([{ limit: 2, windowMs: 1_000 }], 1, 0);
    const slow = budget.record();
    budget.record();
    expect(budget.nextSendAt(5_000)).toBe(Number.POSITIVE_INFINITY);
    budget.settle(slow, 6_000);
    expect(budget.nextSendAt(6_000)).toBe(7_000);
  });

  it('also holds every window of a group with two (5/s and 100/min)', () => {
    const sent = simulate(
      new SlidingWindowBudget(
        [
          { limit: 5, windowMs: 1_000 },
          { limit: 100, windowMs: 60_000 },
        ],
        1,
        0,
      ),
      Array.from({ length: 130 }, () => 0),
      [[0, 0]],
    );
    const granted = sent.map((s) => s.grantedAt);
    expect(maxInAnyWindow(granted, 1_000)).toBe(5);
    expect(maxInAnyWindow(granted, 60_000)).toBe(100);
    expect(granted[100]).toBeGreaterThanOrEqual(60_000);
  });

  it('keeps one request per two seconds for order-cancel-all', () => {
    const sent = simulate(new SlidingWindowBudget([{ limit: 1, windowMs: 2_000 }], 0.8, 50), [0, 0, 0], [[0, 0]]);
    expect(sent.map((s) => s.grantedAt)).toEqual([0, 2_050, 4_100]);
  });

  it("adopts Upbit's count from Remaining-Req when it saw more than we sent", () => {
    const budget = new SlidingWindowBudget([{ limit: 10, windowMs: 1_000 }], 0.8, 0);
    budget.settle(budget.record(), 0);
    // Upbit says 4 left: 6 were counted, 5 of them by someone else on this IP.
    budget.adoptRemaining(10, 4);
    expect(budget.inWindow(10)).toBe(6);
    const sent = simulate(budget, [10, 10, 10, 10], [[0, 0]]);
    expect(sent.filter((s) => s.grantedAt < 1_000)).toHaveLength(2);
  });

  it('ignores a Remaining-Req that shows less use than our own count', () => {
    const budget = new SlidingWindowBudget([{ limit: 10, windowMs: 1_000 }], 1, 0);
    for (let i = 0; i < 5; i += 1) budget.settle(budget.record(), 0);
    budget.adoptRemaining(0, 9);
    expect(budget.inWindow(0)).toBe(5);
  });

  it('sends nothing while paused', () => {
    const budget = new SlidingWindowBudget([{ limit: 10, windowMs: 1_000 }], 1, 0);
    budget.pause(1_500);
    expect(budget.nextSendAt(100)).toBe(1_500);
    expect(budget.nextSendAt(1_600)).toBe(1_600);
  });
});
