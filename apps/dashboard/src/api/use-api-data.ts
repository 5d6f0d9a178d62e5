import { useCallback, useEffect, useRef, useState } from 'react';
import { liveEvents } from '../live/live-event-stream';
import { useLiveEvents } from '../live/use-live-events';
import { ApiError, toApiError } from './problem';

export interface ApiData<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

export interface ApiDataOptions {
  /** Reload when one of these event types is committed ('*' for any event); never polls. */
  readonly refreshOn?: readonly string[];
  /** At most one reload per this many ms while events stream in (default 500). */
  readonly throttleMs?: number;
}

/**
 * Loads data from the API and reloads it when the live stream says it changed. Answers that arrive
 * out of order are dropped: only the newest request's answer is shown.
 */
export function useApiData<T>(load: () => Promise<T>, deps: readonly unknown[], options: ApiDataOptions = {}): ApiData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(() => {
    const mine = (generation.current += 1);
    setLoading(true);
    loader.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(toApiError(failure));
        setLoading(false);
      },
    );
  }, []);

  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the load depends on
  useEffect(reload, deps);

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const throttleMs = options.throttleMs ?? 500;
  const types = options.refreshOn;
  useLiveEvents(
    () => {
      if (!types || timer.current !== undefined) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        reload();
      }, throttleMs);
    },
    types && !types.includes('*') ? types : undefined,
  );
  // Events committed while the live stream was down were never delivered: read again when it is back.
  const live = types !== undefined;
  useEffect(() => (live ? liveEvents.onResync(reload) : undefined), [live, reload]);
  return { data, error, loading, reload };
}
