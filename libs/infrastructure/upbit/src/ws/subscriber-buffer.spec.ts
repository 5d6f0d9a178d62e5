import type { StreamGap } from '@trader/application';
import { OverflowPolicy, SubscriberBuffer } from './subscriber-buffer';

interface Msg {
  kind: 'ticker' | 'trade';
  market: string;
  n: number;
}

function buffer(capacity: number, onClose: (id: number) => void = () => undefined, overflow?: OverflowPolicy): SubscriberBuffer<Msg> {
  return new SubscriberBuffer<Msg>(1, capacity, onClose, overflow);
}

function gapPolicy(): OverflowPolicy {
  let at = 100;
  return { kind: 'gap', gap: (): StreamGap => ({ kind: 'stream-gap', connection: 'private', since: (at += 1), reason: 'buffer full' }) };
}

async function drain(b: SubscriberBuffer<Msg>): Promise<unknown[]> {
  const out: unknown[] = [];
  while (b.stats().buffered > 0) out.push(await b.next());
  return out;
}

describe('SubscriberBuffer', () => {
  it('keeps only the newest queued snapshot per market for a slow reader', async () => {
    const b = buffer(10);
    for (let n = 0; n < 1_000; n += 1) b.push({ kind: 'ticker', market: n % 2 === 0 ? 'KRW-BTC' : 'KRW-ETH', n }, n % 2 === 0 ? 'ticker|KRW-BTC' : 'ticker|KRW-ETH');
    expect(b.stats()).toEqual({ delivered: 0, conflated: 998, dropped: 0, buffered: 2 });
    expect(await drain(b)).toEqual([
      { kind: 'ticker', market: 'KRW-BTC', n: 998 },
      { kind: 'ticker', market: 'KRW-ETH', n: 999 },
    ]);
  });

  it('drops the oldest trades beyond its capacity and counts them', async () => {
    const b = buffer(3);
    for (let n = 0; n < 10; n += 1) b.push({ kind: 'trade', market: 'KRW-BTC', n });
    expect(b.stats()).toEqual(expect.objectContaining({ dropped: 7, buffered: 3 }));
    expect((await drain(b)).map((m) => (m as Msg).n)).toEqual([7, 8, 9]);
  });

  it('never drops gap or recovery signals, and collapses repeated ones', async () => {
    const b = buffer(2);
    b.signal({ kind: 'stream-gap', connection: 'public', since: 1, reason: 'closed' });
    b.signal({ kind: 'stream-gap', connection: 'public', since: 2, reason: 'closed' });
    for (let n = 0; n < 5; n += 1) b.push({ kind: 'trade', market: 'KRW-BTC', n });
    b.signal({ kind: 'stream-recovered', connection: 'public', since: 1, at: 3 });
    const out = await drain(b);
    expect(out.map((m) => (m as { kind: string }).kind)).toEqual(['stream-gap', 'trade', 'trade', 'stream-recovered']);
    expect(b.stats().dropped).toBe(3);
  });

  it('hands a message straight to a waiting reader', async () => {
    const b = buffer(1);
    const next = b.next();
    b.push({ kind: 'trade', market: 'KRW-BTC', n: 1 });
    await expect(next).resolves.toEqual({ kind: 'trade', market: 'KRW-BTC', n: 1 });
    expect(b.stats()).toEqual({ delivered: 1, conflated: 0, dropped: 0, buffered: 0 });
  });

  it('ends iteration on close and tells its owner once', async () => {
    const closed: number[] = [];
    const b = buffer(4, (id) => closed.push(id));
    b.push({ kind: 'trade', market: 'KRW-BTC', n: 1 });
    const seen: unknown[] = [];
    const reading = (async () => {
      for await (const m of b) seen.push(m);
    })();
    await Promise.resolve();
    b.close();
    b.close();
    await reading;
    expect(seen).toEqual([{ kind: 'trade', market: 'KRW-BTC', n: 1 }]);
    expect(closed).toEqual([1]);
    b.push({ kind: 'trade', market: 'KRW-BTC', n: 2 });
    await expect(b.next()).resolves.toBeUndefined();
  });

  describe('for private streams, where a lost update must be reconciled', () => {
    it('signals a gap instead of silently dropping an update when full, and stays bounded', async () => {
      const b = buffer(3, undefined, gapPolicy());
      for (let n = 0; n < 5; n += 1) b.push({ kind: 'trade', market: 'KRW-BTC', n });
      const out = await drain(b);
      expect(out).toEqual([
        { kind: 'stream-gap', connection: 'private', since: 101, reason: 'buffer full' },
        { kind: 'trade', market: 'KRW-BTC', n: 3 },
        { kind: 'trade', market: 'KRW-BTC', n: 4 },
      ]);
      expect(b.stats()).toEqual(expect.objectContaining({ dropped: 3, buffered: 0 }));
    });

    it('keeps the buffer bounded under a flood, with one gap per overflow the reader has not yet seen', async () => {
      const b = buffer(4, undefined, gapPolicy());
      for (let n = 0; n < 10_000; n += 1) b.push({ kind: 'trade', market: 'KRW-BTC', n });
      expect(b.stats().buffered).toBeLessThanOrEqual(5);
      const out = await drain(b);
      expect(out.filter((m) => (m as { kind: string }).kind === 'stream-gap')).toHaveLength(1);
      expect(out[0]).toEqual(expect.objectContaining({ kind: 'stream-gap', connection: 'private' }));
      expect(b.stats().dropped + out.length - 1).toBe(10_000);
    });

    it('keeps a gap or recovery signal already queued when it drops data', async () => {
      const b = buffer(2, undefined, gapPolicy());
      b.push({ kind: 'trade', market: 'KRW-BTC', n: 0 });
      b.signal({ kind: 'stream-recovered', connection: 'private', since: 1, at: 2 });
      b.push({ kind: 'trade', market: 'KRW-BTC', n: 1 });
      b.push({ kind: 'trade', market: 'KRW-BTC', n: 2 });
      expect((await drain(b)).map((m) => (m as { kind: string }).kind)).toEqual(['stream-recovered', 'stream-gap', 'trade']);
    });
  });
});
