import { ManualClock } from '@trader/domain';
import { TaskManager, silentLogger } from '@trader/runtime';
import { UpbitRateLimiter } from '../rate-limit/upbit-rate-limiter';
import { InvalidSubscriptionError, StreamUnavailableError, UpbitStreamManager } from './upbit-stream-manager';

// Not started: these checks happen before anything is sent, so no socket is opened.
function manager(): UpbitStreamManager {
  const clock = new ManualClock(0);
  return new UpbitStreamManager(new TaskManager(clock, silentLogger), new UpbitRateLimiter(clock), clock, { publicUrl: 'ws://127.0.0.1:9/websocket/v1' });
}

describe('UpbitStreamManager subscriptions', () => {
  it('refuses a wish Upbit would refuse, since the refusal would take every consumer down with it', () => {
    const streams = manager();
    expect(() => streams.subscribe({ kind: 'ticker', markets: [] })).toThrow(InvalidSubscriptionError);
    expect(() => streams.subscribe({ kind: 'ticker', markets: ['KRW-BTC', 'BTC'] })).toThrow(expect.objectContaining({ value: 'BTC' }));
    expect(streams.stats().connections.public?.consumers).toBe(0);
  });

  it('accepts lower-case codes as Upbit spells them', () => {
    const streams = manager();
    const subscription = streams.subscribe({ kind: 'trade', markets: ['krw-btc'] });
    expect(streams.stats().connections.public?.consumers).toBe(1);
    subscription.close();
    expect(streams.stats().connections.public?.consumers).toBe(0);
  });

  it('has no private stream without a private URL and keys', () => {
    expect(() => manager().subscribeOrders([])).toThrow(StreamUnavailableError);
  });
});
