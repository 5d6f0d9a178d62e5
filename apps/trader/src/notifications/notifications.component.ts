import { DailySummarySchedule, NotificationDelivery } from '@trader/notifications';
import { AppKernel } from '@trader/runtime';
import { Injectable, OnModuleInit, Optional } from '@nestjs/common';

/**
 * The `notifications` kernel component: starts one delivery loop per channel and the daily summary
 * after the event store (the outbox lives in its database), stops them before it.
 */
@Injectable()
export class NotificationsComponent implements OnModuleInit {
  constructor(
    private readonly kernel: AppKernel,
    private readonly delivery: NotificationDelivery,
    @Optional() private readonly summary: DailySummarySchedule | null,
  ) {}

  onModuleInit(): void {
    this.kernel.register({
      name: 'notifications',
      dependsOn: ['tasks', 'event-store'],
      // The delivery loops mark outbox rows sent: only the active instance delivers.
      activeOnly: true,
      start: () => {
        this.delivery.start();
        this.summary?.start();
      },
      stop: async () => {
        await this.summary?.stop();
        await this.delivery.stop();
      },
    });
  }
}
