import type { NotificationMessage } from '@trader/application';
import type { Clock } from '@trader/domain';
import { errorMessage, waitUnlessAborted } from '@trader/runtime';
import type { RuntimeLogger, TaskHandle, TaskManager } from '@trader/runtime';
import { ChannelSendError } from '../channels/channel-send.error';
import { NotificationChannel } from '../channels/notification-channel';
import { NotificationOutbox } from '../outbox/notification-outbox';
import { OutboxRow } from '../outbox/outbox-row';
import { defaultDeliveryOptions, DeliveryOptions, retryDelayMs } from './delivery-options';

export const notificationsTaskOwner = 'notifications';

/**
 * Sends what the outbox holds: one supervised loop per channel (`notifications.<channel>`), so a slow
 * or dead channel holds up only itself. A loop takes the oldest due row, sends it with a time-out,
 * and marks it sent; a failure schedules a retry with exponential back-off (at least the service's
 * `retry_after`), and after `maxAttempts` failures, or at once when the service refuses the message
 * for good, the row is parked. A 429 pauses the whole channel for its `retry_after`: the limit is the
 * service's, not the message's. At-least-once: a crash between the send and `markSent` sends it again.
 */
export class NotificationDelivery {
  private readonly options: Required<DeliveryOptions>;
  private readonly handles: TaskHandle[] = [];
  private readonly wakers = new Map<string, () => void>();

  constructor(
    private readonly outbox: NotificationOutbox,
    readonly channels: readonly NotificationChannel[],
    private readonly clock: Clock,
    private readonly tasks: TaskManager,
    private readonly logger: RuntimeLogger,
    options: DeliveryOptions = {},
  ) {
    this.options = { ...defaultDeliveryOptions, ...options };
  }

  /** Queues `message` for every channel that takes its kind; returns how many rows were new. */
  enqueue(message: NotificationMessage): number {
    const targets = this.channels.filter((channel) => channel.kinds.has(message.kind)).map((channel) => channel.name);
    const added = this.outbox.enqueue(message, targets, this.clock.now());
    if (added > 0) for (const name of targets) this.wake(name);
    return added;
  }

  /** Ends the idle wait of `channel`'s loop: a row was queued or re-queued for it. */
  wake(channel: string): void {
    this.wakers.get(channel)?.();
  }

  start(): void {
    for (const channel of this.channels) {
      this.handles.push(this.tasks.supervise(`notifications.${channel.name}`, notificationsTaskOwner, (signal) => this.deliverForever(channel, signal)));
    }
  }

  async stop(): Promise<void> {
    for (const handle of this.handles) handle.abort('notifications stopping');
    await Promise.all(this.handles.map((handle) => handle.done));
    this.handles.length = 0;
  }

  private async deliverForever(channel: NotificationChannel, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const row = this.outbox.nextDue(channel.name, this.clock.now());
      if (!row) {
        await this.idle(channel.name, signal);
        continue;
      }
      const pause = await this.deliver(channel, row, signal);
      if (pause > 0) await waitUnlessAborted(pause, signal);
    }
  }

  /** Sends one row; returns how long the whole channel must wait (a 429's retry_after), else 0. */
  private async deliver(channel: NotificationChannel, row: OutboxRow, signal: AbortSignal): Promise<number> {
    let message: NotificationMessage;
    try {
      message = JSON.parse(row.message) as NotificationMessage;
    } catch (error) {
      // A row that cannot be read can never be sent: park it, go on with the others.
      this.outbox.park(row.id, `unreadable message: ${errorMessage(error)}`);
      return 0;
    }
    const timeout = AbortSignal.timeout(this.options.sendTimeoutMs);
    // Stopping does not cut a send short at once: the service may have the request already, and a row
    // left pending would be sent again after the restart. It gets `stopGraceMs` to answer.
    const grace = new AbortController();
    let graceTimer: NodeJS.Timeout | undefined;
    const stopping = (): void => {
      graceTimer = setTimeout(() => grace.abort(signal.reason), this.options.stopGraceMs);
    };
    if (signal.aborted) stopping();
    else signal.addEventListener('abort', stopping, { once: true });
    try {
      await channel.send(message, AbortSignal.any([grace.signal, timeout]));
      this.outbox.markSent(row.id, this.clock.now());
      return 0;
    } catch (error) {
      if (signal.aborted) return 0; // stopping: the row stays pending and is sent after the restart
      const failure = error instanceof ChannelSendError ? error : new ChannelSendError(channel.name, null, errorMessage(error));
      const text = timeout.aborted ? `${failure.message} (no answer within ${this.options.sendTimeoutMs} ms)` : failure.message;
      const attempts = row.attempts + 1;
      if (failure.permanent || attempts >= this.options.maxAttempts) {
        this.outbox.park(row.id, text);
        this.logger.error(`notification ${row.messageId} parked for ${channel.name} after ${attempts} attempt(s): ${text}`, { channel: channel.name, outboxId: row.id });
        return 0;
      }
      const delay = retryDelayMs(attempts, failure.retryAfterMs, this.options);
      this.outbox.markFailed(row.id, text, this.clock.now() + delay);
      this.logger.warn(`notification ${row.messageId} to ${channel.name} failed (attempt ${attempts}), retrying in ${delay} ms: ${text}`, { channel: channel.name, outboxId: row.id });
      return failure.status === 429 ? delay : 0;
    } finally {
      signal.removeEventListener('abort', stopping);
      clearTimeout(graceTimer);
    }
  }

  /** Waits for a new row, the next retry, or the idle poll, whichever comes first. */
  private async idle(channel: string, signal: AbortSignal): Promise<void> {
    const next = this.outbox.nextAttemptAt(channel);
    const wait = next === null ? this.options.idlePollMs : Math.max(1, Math.min(this.options.idlePollMs, next - this.clock.now()));
    const woken = new AbortController();
    this.wakers.set(channel, () => woken.abort());
    try {
      await waitUnlessAborted(wait, AbortSignal.any([signal, woken.signal]));
    } finally {
      this.wakers.delete(channel);
    }
  }
}
