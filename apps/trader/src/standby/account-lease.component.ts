import type { Clock } from '@trader/domain';
import type { PgAccountLease } from '@trader/events';
import { AppKernel, errorMessage, TaskHandle, TaskManager, waitUnlessAborted } from '@trader/runtime';
import type { KernelComponent, RuntimeLogger } from '@trader/runtime';

export interface AccountLeaseSettings {
  /** How often a standby tries to take the lease (`TRADER_STANDBY_POLL_MS`). */
  readonly pollMs: number;
  /** How often the active instance makes sure it still holds the lease. */
  readonly checkMs: number;
  /**
   * How long a standby that took the lease waits before it starts writing: longer than `checkMs`, so
   * a previous holder whose lease session ended while it lived has noticed and begun to halt.
   */
  readonly takeoverGraceMs: number;
}

/** A standby polls every second by default; the active instance checks four times as often. */
export const defaultAccountLeaseSettings: AccountLeaseSettings = { pollMs: 1_000, checkMs: 250, takeoverGraceMs: 500 };

const OWNER = 'account-lease';

/**
 * The account lease as a kernel component (PostgreSQL only), started right after the task manager and
 * stopped after everything that writes. One loop does the lease's work for the life of the process:
 * - while this instance is a standby, it tries to take the lease every `pollMs`; once it has it, it
 *   waits `takeoverGraceMs` and activates the kernel, which starts the components a standby holds
 *   back (the event lanes catch up from the store, trading reconciles with the exchange first);
 * - while it holds the lease, it checks every `checkMs` that the server still shows the lock held by
 *   its session. If not (the server restarted, the connection broke, an operator ended the session),
 *   another instance may be active already: it halts, stopping every component, and exits with 1, so
 *   its supervisor starts it again, as a standby. The event store refuses its appends from the moment
 *   the lock is gone (the append fence), so nothing it decides meanwhile is stored or sent.
 * A failed activation (a held-back component did not start) exits with 1 too. On a clean stop the
 * lease is given up, so a standby takes over at its next poll.
 */
export class AccountLeaseComponent implements KernelComponent {
  readonly name = 'account-lease';
  readonly dependsOn = ['tasks'];
  private loop: TaskHandle | undefined;
  private takeover: TaskHandle | undefined;
  private halting = false;
  private pollFailing = false;
  private standbySince = 0;

  constructor(
    private readonly lease: PgAccountLease,
    private readonly kernel: AppKernel,
    private readonly tasks: TaskManager,
    private readonly clock: Clock,
    private readonly logger: RuntimeLogger,
    private readonly settings: AccountLeaseSettings,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  start(): void {
    this.standbySince = this.clock.now();
    this.loop = this.tasks.supervise('account-lease', OWNER, (signal) => this.watch(signal));
  }

  async stop(): Promise<void> {
    this.loop?.abort('stopping');
    await this.loop?.done;
    this.lease.release();
  }

  private async watch(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      if (this.lease.held) this.check();
      else if (!this.halting) this.poll();
      await waitUnlessAborted(this.lease.held ? this.settings.checkMs : this.settings.pollMs, signal);
    }
  }

  private poll(): void {
    let acquired: boolean;
    try {
      acquired = this.lease.tryAcquire();
    } catch (error) {
      // A standby outlives the database being away: it keeps serving reads and polls on.
      if (!this.pollFailing) this.logger.warn(`standby: cannot reach the database to poll the account lease (${errorMessage(error)}); polling on every ${this.settings.pollMs} ms`);
      this.pollFailing = true;
      return;
    }
    if (this.pollFailing) this.logger.info('standby: the database answers again; polling the account lease');
    this.pollFailing = false;
    if (!acquired) return;
    this.logger.info(
      `took the lease of account schema ${this.lease.schema} after ${this.clock.now() - this.standbySince} ms as a standby; becoming active in ${this.settings.takeoverGraceMs} ms`,
    );
    this.takeover = this.tasks.run('account-lease.takeover', OWNER, (signal) => this.takeOver(signal));
  }

  private async takeOver(signal: AbortSignal): Promise<void> {
    await waitUnlessAborted(this.settings.takeoverGraceMs, signal);
    // Lost during the grace (checked by the loop meanwhile), or stopping: nothing to start.
    if (signal.aborted || this.halting || !this.lease.held) return;
    const startedAt = this.clock.now();
    try {
      await this.kernel.activate();
    } catch (error) {
      this.logger.error(`taking over as the active instance failed: ${errorMessage(error)}; exiting with 1`);
      this.exit(1);
      return;
    }
    this.logger.info(`active: the components a standby holds back started in ${this.clock.now() - startedAt} ms`);
  }

  private check(): void {
    const check = this.lease.check();
    if (check.held) return;
    this.halt(check.reason);
  }

  /** Stops everything and exits with 1. Not awaited here: stopping the kernel stops this loop too. */
  private halt(reason: string): void {
    if (this.halting) return;
    this.halting = true;
    this.takeover?.abort('lease lost');
    this.logger.error(`lost the lease of account schema ${this.lease.schema}: ${reason}. Another instance may be active now: halting (every component stops, exit code 1)`);
    this.kernel.stop().then(
      () => this.exit(1),
      () => this.exit(1),
    );
  }
}
