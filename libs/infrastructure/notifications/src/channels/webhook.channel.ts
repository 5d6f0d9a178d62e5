import type { NotificationKind, NotificationMessage } from '@trader/application';
import { createHmac } from 'node:crypto';
import { ChannelSendError } from './channel-send.error';
import { bodyForError, httpPost, isPermanentStatus, retryAfterHeaderMs } from './http-post';
import { NotificationChannel, SecretValue } from './notification-channel';

export const signatureHeader = 'x-trader-signature';
export const eventIdHeader = 'x-trader-event-id';

export interface WebhookChannelOptions {
  readonly url: string;
  readonly secret: SecretValue;
  readonly kinds: ReadonlySet<NotificationKind>;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, what `X-Trader-Signature` carries. */
export function webhookSignature(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/**
 * A generic webhook: POST the message as JSON (`id`, `kind`, `source`, `title`, `text`, `at`,
 * `details`), signed with HMAC-SHA256 of the raw body (`X-Trader-Signature: sha256=<hex>`), with the
 * message id in `X-Trader-Event-Id` so the receiver can drop a redelivery. Any 2xx is taken. Only the
 * URL's origin is ever shown (its path or query may hold a token).
 */
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook';
  readonly kinds: ReadonlySet<NotificationKind>;

  constructor(private readonly options: WebhookChannelOptions) {
    this.kinds = options.kinds;
  }

  async send(message: NotificationMessage, signal: AbortSignal): Promise<void> {
    const body = JSON.stringify({ id: message.id, kind: message.kind, source: message.source, title: message.title, text: message.text, at: message.at, details: message.details });
    const url = new URL(this.options.url);
    const redacted = `${url.origin}/[redacted]`;
    const secret = this.options.secret.reveal();
    const answer = await httpPost(this.name, this.options.url, redacted, body, { [signatureHeader]: webhookSignature(body, secret), [eventIdHeader]: message.id }, signal);
    if (answer.status >= 200 && answer.status < 300) return;
    const text = bodyForError(answer.body, [secret, this.options.url, ...(url.pathname.length > 1 || url.search ? [url.pathname + url.search] : [])]);
    throw new ChannelSendError(this.name, answer.status, `webhook answered ${answer.status}: ${text}`, answer.status === 429 || answer.status === 503 ? retryAfterHeaderMs(answer.headers) : null, isPermanentStatus(answer.status));
  }
}
