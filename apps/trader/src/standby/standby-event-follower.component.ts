import type { RuntimeLogger } from '@trader/runtime';
import { AppKernel, errorMessage, RUNTIME_LOGGER, TaskHandle, TaskManager } from '@trader/runtime';
import { EventStoreRuntime } from '@trader/events';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { LiveEventFeed } from '../admin/events/live-event-feed';

/** How often a standby reads the events the active instance appended since its last look. */
export const STANDBY_FOLLOW_MS = 250;
/** Events read per query. */
const PAGE = 500;
const OWNER = 'standby-events';

/**
 * On a standby, the live event stream shows what the active instance commits: every
 * `STANDBY_FOLLOW_MS` it reads the shared store past the last event it showed and hands the new ones
 * to the live readers (`LiveEventFeed`), from the events stored when it started. Once the kernel is
 * active it stops, before anything of this process appends: from then on the event bus carries its
 * own commits. An active start does nothing. A store it cannot read (the database away) is logged
 * once and tried again at the next look.
 */
@Injectable()
export class StandbyEventFollower implements OnModuleInit {
  private handle: TaskHandle | undefined;
  private after = 0;
  private failing = false;

  constructor(
    private readonly kernel: AppKernel,
    private readonly tasks: TaskManager,
    private readonly runtime: EventStoreRuntime,
    private readonly feed: LiveEventFeed,
    @Inject(RUNTIME_LOGGER) private readonly logger: RuntimeLogger,
  ) {}

  onModuleInit(): void {
    this.kernel.register({ name: OWNER, dependsOn: ['tasks'], start: () => this.start(), stop: () => this.stop() });
  }

  private start(): void {
    if (this.kernel.currentRole !== 'standby') return;
    this.after = this.runtime.store.lastPosition();
    this.handle = this.tasks.every(OWNER, OWNER, STANDBY_FOLLOW_MS, () => this.look());
  }

  private async stop(): Promise<void> {
    this.handle?.abort('stopping');
    await this.handle?.done;
    this.handle = undefined;
  }

  private look(): void {
    // Activated: this process appends now, and the event bus shows its commits.
    if (this.kernel.currentRole !== 'standby') {
      this.handle?.abort('active');
      return;
    }
    try {
      for (;;) {
        const page = [...this.runtime.store.readAll(this.after + 1, PAGE)];
        const last = page.at(-1);
        if (!last) break;
        this.after = last.position;
        this.feed.follow(page);
      }
      if (this.failing) this.logger.info('standby: the event store answers again; following the active instance\'s events');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`standby: cannot read the event store to follow the active instance's events (${errorMessage(error)}); trying every ${STANDBY_FOLLOW_MS} ms`);
      this.failing = true;
    }
  }
}
