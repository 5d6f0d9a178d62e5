import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { LiveEvent } from './live-event';
import { liveEvents, type LiveStatus } from './live-event-stream';

/** Calls `listener` for every committed event (of the given types, when given) while mounted. */
export function useLiveEvents(listener: (event: LiveEvent) => void, types?: readonly string[]): void {
  const latest = useRef(listener);
  latest.current = listener;
  const key = types?.join(',') ?? '*';
  useEffect(() => {
    const wanted = key === '*' ? null : new Set(key.split(','));
    return liveEvents.subscribe((event) => {
      if (!wanted || wanted.has(event.type)) latest.current(event);
    });
  }, [key]);
}

/** The live connection's state, for the header's indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore((notify) => liveEvents.onStatus(() => notify()), () => liveEvents.status);
}
