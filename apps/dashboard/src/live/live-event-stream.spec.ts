import { afterEach, describe, expect, it, vi } from 'vitest';
import { readToken, saveToken } from '../auth/token-store';
import { LiveEventStream, type LiveStatus } from './live-event-stream';

/** A server-sent-events answer whose body is the given chunks, then (unless `hold`) its end. */
function stream(chunks: string[], hold = false): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      if (!hold) controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

const event = (position: number) => `id: ${position}\nevent: OrderFilled\ndata: ${JSON.stringify({ position, type: 'OrderFilled', streamId: 's', eventId: `e${position}`, streamVersion: 1, schemaVersion: 1, data: {}, metadata: { recordedAt: 1 } })}\n\n`;

describe('LiveEventStream', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers events, skips a malformed message without ending the stream, and sends the token in a header', async () => {
    saveToken('t-0123456789abcdef');
    const requests: RequestInit[] = [];
    const live = new LiveEventStream('/live', async (_url, init) => {
      requests.push(init ?? {});
      return stream([event(1), 'data: {not json\n\n', event(2)], true);
    });
    const seen: number[] = [];
    const stop = live.subscribe((e) => seen.push(e.position));
    await vi.waitFor(() => expect(seen).toEqual([1, 2]));
    expect(live.status).toBe('open');
    expect(new Headers(requests[0]?.headers).get('Authorization')).toBe('Bearer t-0123456789abcdef');
    stop();
    expect(live.status).toBe('idle');
  });

  it('logs the page out on a 401 and does not reconnect', async () => {
    saveToken('t-0123456789abcdef');
    let calls = 0;
    const live = new LiveEventStream('/live', async () => {
      calls += 1;
      return new Response(null, { status: 401 });
    });
    const stop = live.subscribe(() => undefined);
    await vi.waitFor(() => expect(readToken()).toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(calls).toBe(1);
    expect(live.status).toBe('idle');
    stop();
  });

  it('reconnects with a growing backoff when streams drop at once, and asks for a resync each time it is back', async () => {
    saveToken('t-0123456789abcdef');
    vi.useFakeTimers();
    const opened: number[] = [];
    const live = new LiveEventStream('/live', async () => {
      opened.push(Date.now());
      return stream([event(opened.length)]);
    });
    const statuses: LiveStatus[] = [];
    live.onStatus((status) => statuses.push(status));
    let resyncs = 0;
    live.onResync(() => (resyncs += 1));
    const stop = live.subscribe(() => undefined);
    for (let i = 0; i < 4; i += 1) await vi.advanceTimersByTimeAsync(10_000);
    stop();
    const gaps = opened.slice(1).map((at, i) => at - (opened[i] as number));
    // 500 ms, 1 s, 2 s, 4 s...: the streams were accepted but never stayed open, so the delay grows.
    expect(gaps.slice(0, 4)).toEqual([500, 1_000, 2_000, 4_000]);
    expect(resyncs).toBe(opened.length - 1);
    expect(statuses).toContain('reconnecting');
  });
});
