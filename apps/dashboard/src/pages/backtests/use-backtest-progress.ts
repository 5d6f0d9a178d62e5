import { useEffect, useState } from 'react';
import { clearToken, readToken } from '../../auth/token-store';
import type { components } from '../../api/schema';
import { SseParser } from '../../live/sse-parser';

export type BacktestJob = components['schemas']['BacktestJobResponse'];

const finished = (job: BacktestJob | undefined) => job?.status === 'done' || job?.status === 'failed';

/**
 * A job's view, live: GET /api/v1/backtests/:id/live is server-sent events read with fetch (the token
 * in the header, never in a URL) and SseParser. The server sends the view now, at every step and at
 * the end, then closes the stream.
 */
export function useBacktestProgress(id: string | undefined): { job: BacktestJob | undefined; error: string | undefined } {
  const [job, setJob] = useState<BacktestJob>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setJob(undefined);
    setError(undefined);
    if (!id) return undefined;
    const abort = new AbortController();
    let last: BacktestJob | undefined;
    const read = async () => {
      const token = readToken();
      if (!token) return;
      const response = await fetch(`/api/v1/backtests/${encodeURIComponent(id)}/live`, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
        signal: abort.signal,
      });
      // A refused token logs the page out, as every other call does.
      if (response.status === 401) clearToken();
      if (!response.ok || !response.body) throw new Error(`the progress stream answered ${response.status}`);
      const parser = new SseParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) {
          try {
            last = JSON.parse(message.data) as BacktestJob;
          } catch {
            continue; // a malformed message must not end the progress view
          }
          setJob(last);
        }
      }
      if (!finished(last)) throw new Error('the progress stream ended before the job did');
    };
    read().catch((failure: unknown) => {
      if (!abort.signal.aborted) setError(failure instanceof Error ? failure.message : String(failure));
    });
    return () => abort.abort();
  }, [id]);
  return { job, error };
}
