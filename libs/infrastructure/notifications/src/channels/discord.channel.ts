import type { NotificationKind, NotificationMessage } from '@trader/application';
import { ChannelSendError } from './channel-send.error';
import { bodyForError, httpPost, isPermanentStatus, retryAfterHeaderMs } from './http-post';
import { NotificationChannel, SecretValue } from './notification-channel';

/** Discord's limit for a message's `content`. */
export const discordMaxContentLength = 2000;

export interface DiscordChannelOptions {
  /** `https://discord.com/api/webhooks/<id>/<token>`: the token is in the path, so the URL is a secret. */
  readonly webhookUrl: SecretValue;
  readonly kinds: ReadonlySet<NotificationKind>;
}

/**
 * A Discord webhook: POST `{ content }`; 204 (or 200) when taken. On 429 Discord answers
 * `{ retry_after: <seconds, fractional> }` and a `Retry-After` header; the longer one is waited out.
 */
export class DiscordChannel implements NotificationChannel {
  readonly name = 'discord';
  readonly kinds: ReadonlySet<NotificationKind>;

  constructor(private readonly options: DiscordChannelOptions) {
    this.kinds = options.kinds;
  }

  async send(message: NotificationMessage, signal: AbortSignal): Promise<void> {
    const url = this.options.webhookUrl.reveal();
    const redacted = `${new URL(url).origin}/[redacted]`;
    const content = message.text.length > discordMaxContentLength ? `${message.text.slice(0, discordMaxContentLength - 3)}...` : message.text;
    // allowed_mentions: a market name or an error text must never ping @everyone.
    const body = JSON.stringify({ content, allowed_mentions: { parse: [] } });
    const answer = await httpPost(this.name, url, redacted, body, {}, signal);
    if (answer.status === 204 || answer.status === 200) return;
    const text = bodyForError(answer.body, [url, new URL(url).pathname]);
    if (answer.status === 429) {
      const seconds = retryAfterBody(answer.body);
      const header = retryAfterHeaderMs(answer.headers);
      const waits = [seconds === null ? null : Math.ceil(seconds * 1000), header].filter((ms): ms is number => ms !== null);
      throw new ChannelSendError(this.name, 429, `rate limited: ${text}`, waits.length > 0 ? Math.max(...waits) : null);
    }
    throw new ChannelSendError(this.name, answer.status, `webhook answered ${answer.status}: ${text}`, null, isPermanentStatus(answer.status));
  }
}

function retryAfterBody(body: string): number | null {
  try {
    const parsed = JSON.parse(body) as { retry_after?: unknown };
    return typeof parsed.retry_after === 'number' ? parsed.retry_after : null;
  } catch {
    return null;
  }
}
