import { request } from 'undici';
import { ChannelSendError } from './channel-send.error';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Longest answer body kept for an error message. */
const maxBodyInError = 300;

/**
 * POSTs `body` and returns the answer. Transport failures (refused, reset, timed out, aborted) become a
 * retryable `ChannelSendError` whose text names only `redactedUrl` and the error's code, never the
 * real URL (it holds a bot token or a webhook token), and never undici's own error type.
 */
export async function httpPost(
  channel: string,
  url: string,
  redactedUrl: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<HttpAnswer> {
  try {
    const answer = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal });
    const text = await answer.body.text();
    return { status: answer.statusCode, headers: answer.headers, body: text };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
    const reason = signal.aborted ? 'timed out or aborted' : code || (error instanceof Error ? error.name : 'request failed');
    throw new ChannelSendError(channel, null, `POST ${redactedUrl} failed: ${reason}`);
  }
}

/** The answer's body, shortened and with `secrets` blanked, for an error message. */
export function bodyForError(body: string, secrets: readonly string[]): string {
  let text = body.length > maxBodyInError ? `${body.slice(0, maxBodyInError)}...` : body;
  for (const secret of secrets) if (secret) text = text.split(secret).join('[redacted]');
  return text;
}

/** Seconds from a `Retry-After` header (delta-seconds form), in ms; null when absent or unreadable. */
export function retryAfterHeaderMs(headers: HttpAnswer['headers']): number | null {
  const raw = headers['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return null;
  return Math.ceil(Number(value) * 1000);
}

/** A 4xx other than 408 (timeout) and 429 (rate limit): the same request cannot succeed later. */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}
