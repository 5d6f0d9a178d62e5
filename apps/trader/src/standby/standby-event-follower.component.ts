import type { Clock } from '@trader/domain';
import type { EventLogReader } from '@trader/events';
import { EventStoreRuntime } from '@trader/events';
import type { ComponentHealth, RuntimeLogger } from '@trader/runtime';
import { AppKernel, CLOCK, errorMessage, RUNTIME_LOGGER, TaskHandle, TaskManager } from '@trader/runtime';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { LiveEventFeed } from '../admin/events/live-event-feed';

/** How often a standby reads the events the active instance appended since its last look. */
export const STANDBY_FOLLOW_MS = 250;
/** The longest one read of a look may wait for the database (its own connection's bound). */
export const STANDBY_READ_TIMEOUT_MS = 1_000;
/** After a failed look, the next waits this long, doubling up to `MAX_BACKOFF_MS`. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** Events read per query. */
const PAGE = 500;
const OWNER = 'standby-events';

/**
 * On a standby, the live event stream shows what the active instance commits: every
 * `STANDBY_FOLLOW_MS` it reads the shared store past the last event it showed and hands the new ones
 * to the live readers (`LiveEventFeed`), from the events stored when it started. Once the kernel is
 * active it stops at its next look, before reading: from then on the event bus carries this process's
 * own commits. An active start does nothing.
 *
 * On PostgreSQL it reads on a connection of its own, in the event loop (`EventStoreRuntime.openLogReader`,
 * `PgLogReader`): waiting for the database blocks nothing, a read that takes longer than
 * `STANDBY_READ_TIMEOUT_MS` fails, and the runtime's connection, which the standby needs to take
 * over, is never touched. Each page of `PAGE` events is awaited, so a large burst never holds the event
 * loop for more than one page. A page whose read ends after activation is not shown (this process may
 * have appended by then). A failed look is logged once; the next ones back off from 1 s to 30 s, on a
 * new connection, until one succeeds.
 */
@Injectable()
export class StandbyEventFollower implements OnModuleInit {
  private handle: TaskHandle | undefined;
  private reader: EventLogReader | undefined;
  private after = 0;
  private backoffMs = 0;
  private retryAt = 0;

  constructor(
    private readonly kernel: AppKernel,
    private readonly tasks: TaskManager,
    private readonly runtime: EventStoreRuntime,
    private readonly feed: LiveEventFeed,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RUNTIME_LOGGER) private readonly logger: RuntimeLogger,
  ) {}

  onModuleInit(): void {
    this.kernel.register({ name: OWNER, dependsOn: ['tasks'], start: () => this.start(), stop: () => this.stop(), health: () => this.health() });
  }

  private start(): void {
    if (this.kernel.currentRole !== 'standby') return;
    this.after = this.runtime.store.lastPosition();
    this.handle = this.tasks.every(OWNER, OWNER, STANDBY_FOLLOW_MS, (signal) => this.look(signal));
  }

  /**
   * What it is doing, for /health and /api/v1/runtime: on an active instance nothing (its own commits
   * reach the live readers through the event bus); on a standby, how far it has shown the active
   * instance's events, or that it cannot read them (degraded: the standby's live stream is stalled).
   */
  private health(): ComponentHealth {
    if (this.kernel.currentRole !== 'standby') return { status: 'up', detail: 'idle: this instance is active, its own commits reach the live stream' };
    if (this.backoffMs > 0) return { status: 'degraded', detail: `cannot read the event store; the live stream shows events up to position ${this.after}, next try within ${this.backoffMs} ms` };
    return { status: 'up', detail: `following the active instance's events, shown up to position ${this.after}` };
  }

  private async stop(): Promise<void> {
    this.handle?.abort('stopping');
    await this.handle?.done;
    this.handle = undefined;
    await this.closeReader();
  }

  private async look(signal: AbortSignal): Promise<void> {
    // Activated: this process appends now, and the event bus shows its commits.
    if (this.kernel.currentRole !== 'standby') {
      this.handle?.abort('active');
      await this.closeReader();
      return;
    }
    if (this.clock.now() < this.retryAt) return;
    try {
      this.reader ??= await this.runtime.openLogReader(STANDBY_READ_TIMEOUT_MS);
      // Page by page, each awaited: a large burst holds the event loop for one page's decoding at most.
      while (!signal.aborted) {
        const page = await this.reader.readAfter(this.after, PAGE);
        // Activated while the page was read: from now on this process appends, and its commits reach
        // the live readers through the event bus. The page is dropped rather than risk showing one twice.
        if (this.kernel.currentRole !== 'standby') break;
        const last = page.at(-1);
        if (!last) break;
        this.after = last.position;
        this.feed.follow(page);
      }
      if (this.backoffMs > 0) this.logger.info("standby: the event store answers again; following the active instance's events");
      this.backoffMs = 0;
    } catch (error) {
      if (this.backoffMs === 0) this.logger.warn(`standby: cannot read the event store to follow the active instance's events (${errorMessage(error)}); trying again with a back-off up to ${MAX_BACKOFF_MS} ms`);
      await this.closeReader();
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs === 0 ? FIRST_BACKOFF_MS : this.backoffMs * 2);
      this.retryAt = this.clock.now() + this.backoffMs;
    }
  }

  private async closeReader(): Promise<void> {
    const reader = this.reader;
    this.reader = undefined;
    await reader?.close();
  }
}
