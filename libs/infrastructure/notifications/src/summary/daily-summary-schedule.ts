import { dailySummaryNotification, localDate, nextDailySummaryAt } from '@trader/application';
import type { DailySummary, LocalTimeOfDay } from '@trader/application';
import type { Clock } from '@trader/domain';
import { waitUnlessAborted } from '@trader/runtime';
import type { TaskHandle, TaskManager } from '@trader/runtime';
import { NotificationDelivery, notificationsTaskOwner } from '../delivery/notification-delivery';

/** Reads what the summary reports (the app answers from its read models). */
export interface DailySummarySource {
  summarize(day: string, timeZone: string, at: number): Promise<DailySummary>;
}

export interface DailySummaryOptions {
  /** Local time of day (`TRADER_DAILY_SUMMARY_AT`). */
  readonly at: LocalTimeOfDay;
  /** IANA zone (`TRADER_TIMEZONE`). */
  readonly timeZone: string;
  /** How often the loop re-reads the clock while it waits (default 30 s); a test clock moves in jumps. */
  readonly checkEveryMs?: number;
}

/**
 * Queues the daily summary when the configured zone's wall clock reaches the configured time, through
 * the same outbox as the events (kind `daily_summary`, id `daily-summary/<local date>`, so a restart
 * on the same day queues nothing new). It waits on the injected clock: the pause is re-checked against
 * `clock.now()` at least every `checkEveryMs`. A summary whose time passed while the trader was down
 * is not sent late.
 */
export class DailySummarySchedule {
  private handle: TaskHandle | undefined;

  constructor(
    private readonly delivery: NotificationDelivery,
    private readonly source: DailySummarySource,
    private readonly clock: Clock,
    private readonly tasks: TaskManager,
    private readonly options: DailySummaryOptions,
  ) {}

  start(): void {
    this.handle = this.tasks.supervise('notifications.daily-summary', notificationsTaskOwner, (signal) => this.run(signal));
  }

  async stop(): Promise<void> {
    this.handle?.abort('notifications stopping');
    await this.handle?.done;
    this.handle = undefined;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const checkEvery = this.options.checkEveryMs ?? 30_000;
    while (!signal.aborted) {
      const due = nextDailySummaryAt(this.clock.now(), this.options.at, this.options.timeZone);
      while (!signal.aborted && this.clock.now() < due) await waitUnlessAborted(Math.min(checkEvery, due - this.clock.now()), signal);
      if (signal.aborted) return;
      const summary = await this.source.summarize(localDate(due, this.options.timeZone), this.options.timeZone, this.clock.now());
      this.delivery.enqueue(dailySummaryNotification(summary));
    }
  }
}
