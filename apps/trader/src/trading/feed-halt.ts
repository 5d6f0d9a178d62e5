import { retryOnConflict, SESSION_ID } from '@trader/application';
import type { SessionRepository } from '@trader/application';
import type { Clock } from '@trader/domain';

/** The halt reason while a loop that feeds trading (public trades, our order updates) is down. */
export const FEED_DOWN_HALT = 'feed_down';

/**
 * Holds entries back while a loop that feeds trading is down: the first loop to go down halts the
 * session (entries and adds denied; exits and cancels pass), the last one to come back resumes it,
 * and only a halt this class caused is lifted.
 */
export class FeedHalt {
  private readonly down = new Set<string>();

  constructor(
    private readonly session: SessionRepository,
    private readonly clock: Clock,
  ) {}

  async loopDown(loop: string): Promise<void> {
    this.down.add(loop);
    const { state } = await this.session.load(SESSION_ID);
    if (state.mode !== 'trading') return;
    await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: FEED_DOWN_HALT, at: this.clock.now() } }));
  }

  /**
   * Called once the session has started trading: a loop that went down before (during the start-up
   * reconciliation, while the session was still idle and could not be halted) halts it now.
   */
  async tradingStarted(): Promise<void> {
    if (this.down.size === 0) return;
    const { state } = await this.session.load(SESSION_ID);
    if (state.mode !== 'trading') return;
    await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: FEED_DOWN_HALT, at: this.clock.now() } }));
  }

  async loopUp(loop: string): Promise<void> {
    this.down.delete(loop);
    if (this.down.size > 0) return;
    const { state } = await this.session.load(SESSION_ID);
    if (state.mode !== 'halted' || state.haltReason !== FEED_DOWN_HALT) return;
    await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'ResumeTrading', data: { at: this.clock.now() } }));
  }
}
