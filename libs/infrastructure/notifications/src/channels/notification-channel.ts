import type { NotificationKind, NotificationMessage } from '@trader/application';

/**
 * Where notifications go. `name` is the outbox key of the destination (one per Telegram chat), so a
 * message is sent once per destination; `kinds` is what the operator asked this destination for.
 * `send` resolves once the service has accepted the message and throws `ChannelSendError` otherwise.
 */
export interface NotificationChannel {
  readonly name: string;
  readonly kinds: ReadonlySet<NotificationKind>;
  send(message: NotificationMessage, signal: AbortSignal): Promise<void>;
}

/** A credential the caller keeps wrapped (the app's `Secret`): revealed only to build a request. */
export interface SecretValue {
  reveal(): string;
}
