import type { Clock } from '@trader/domain';
import { EventStoreRuntime } from '@trader/events';
import { DailySummarySchedule, DiscordChannel, NotificationDelivery, NotificationOutbox, notificationOutboxSubscriberName, TelegramChannel, WebhookChannel } from '@trader/notifications';
import type { DeliveryOptions, NotificationChannel } from '@trader/notifications';
import { CLOCK, RUNTIME_LOGGER, TaskManager } from '@trader/runtime';
import type { RuntimeLogger } from '@trader/runtime';
import { DynamicModule, Module, Provider } from '@nestjs/common';
import { NotificationOutboxHttpController } from '../admin/notifications/notification-outbox.http.controller';
import type { NotificationSettings } from '../config/notification-settings';
import { NotificationOutboxLaneHandler } from './notification-outbox.lane-handler';
import { NotificationsComponent } from './notifications.component';
import { ReadModelDailySummarySource } from './read-model-daily-summary.source';

/** The channels the settings configure: one per Telegram chat, Discord, the generic webhook. */
export function notificationChannels(settings: NotificationSettings): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  const { telegram, discord, webhook } = settings;
  if (telegram) {
    for (const chatId of telegram.chatIds) channels.push(new TelegramChannel({ apiUrl: telegram.apiUrl, botToken: telegram.botToken, chatId, kinds: new Set(telegram.kinds) }));
  }
  if (discord) channels.push(new DiscordChannel({ webhookUrl: discord.webhookUrl, kinds: new Set(discord.kinds) }));
  if (webhook) channels.push(new WebhookChannel({ url: webhook.url, secret: webhook.secret, kinds: new Set(webhook.kinds) }));
  return channels;
}

/**
 * Notifications: the outbox in the event database, the lane handler that fills it, a delivery loop
 * per channel and the daily summary. Needs the RuntimeModule, the EventStoreModule and the
 * TradingModule (the summary reads its read models).
 */
@Module({})
export class NotificationsModule {
  static forRoot(settings: NotificationSettings, delivery: DeliveryOptions = {}): DynamicModule {
    const delivering = notificationChannels(settings).length > 0;
    const providers: Provider[] = [
      {
        provide: NotificationOutbox,
        inject: [EventStoreRuntime],
        useFactory: (runtime: EventStoreRuntime) => {
          const outbox = new NotificationOutbox(runtime.db);
          if (!delivering) {
            // A run without channels forgets where the outbox subscriber stood, so channels enabled
            // later start from then, not with every event of the runs without them.
            runtime.db.prepare('DELETE FROM checkpoints WHERE subscriber = ?').run(notificationOutboxSubscriberName);
            return outbox;
          }
          // First start with notifications: begin at the end of the log, not with a notification
          // for every event ever stored. Before the lanes start, so no event slips in between.
          const known = runtime.db.prepare('SELECT 1 FROM checkpoints WHERE subscriber = ?').get(notificationOutboxSubscriberName);
          if (!known) runtime.checkpoints.saveNow(notificationOutboxSubscriberName, runtime.store.lastPosition());
          return outbox;
        },
      },
      {
        provide: NotificationDelivery,
        inject: [NotificationOutbox, CLOCK, TaskManager, RUNTIME_LOGGER],
        useFactory: (outbox: NotificationOutbox, clock: Clock, tasks: TaskManager, logger: RuntimeLogger) =>
          new NotificationDelivery(outbox, notificationChannels(settings), clock, tasks, logger, delivery),
      },
    ];
    // With no channel configured there is nothing to deliver: no outbox subscriber, no loops, no
    // kernel component (the outbox route still answers, empty). Configured later, the subscriber starts
    // at the end of the log, as on any first start.
    if (!delivering) {
      return { module: NotificationsModule, controllers: [NotificationOutboxHttpController], providers, exports: [NotificationOutbox, NotificationDelivery] };
    }
    providers.push(NotificationOutboxLaneHandler, NotificationsComponent);
    if (settings.dailySummaryAt) {
      const at = settings.dailySummaryAt;
      providers.push(ReadModelDailySummarySource, {
        provide: DailySummarySchedule,
        inject: [NotificationDelivery, ReadModelDailySummarySource, CLOCK, TaskManager],
        useFactory: (deliveryLoops: NotificationDelivery, source: ReadModelDailySummarySource, clock: Clock, tasks: TaskManager) =>
          new DailySummarySchedule(deliveryLoops, source, clock, tasks, { at, timeZone: settings.timeZone }),
      });
    }
    return { module: NotificationsModule, controllers: [NotificationOutboxHttpController], providers, exports: [NotificationOutbox, NotificationDelivery] };
  }
}
