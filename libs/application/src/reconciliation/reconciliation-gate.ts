import type { Clock } from '@trader/domain';
import { retryOnConflict } from '../trading/conflict-retry';
import { SESSION_ID, SessionRepository } from '../trading/trading-repositories';
import { ReconciliationReport, ReconciliationService } from './reconciliation.service';

/** The halt reason the gate uses, so it resumes only the halts it caused itself. */
export const STREAM_GAP_HALT = 'stream_gap';

/**
 * Nothing trades until our records agree with the exchange. At start-up the session stays idle
 * (strategies stopped, entries denied) until reconciliation succeeds, then starts trading. When the
 * private stream reports a gap (we may have missed fills or cancels), new entries are halted, the
 * records are reconciled, and trading resumes, unless someone else halted it meanwhile. A failed
 * reconciliation leaves the session as it is and fails, to be retried.
 */
export class ReconciliationGate {
  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly session: SessionRepository,
    private readonly clock: Clock,
  ) {}

  async atStartup(): Promise<ReconciliationReport> {
    const report = await this.reconciliation.reconcile('startup');
    const { state } = await this.session.load(SESSION_ID);
    if (state.mode === 'idle') await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'StartTrading', data: { at: this.clock.now() } }));
    return report;
  }

  async afterStreamGap(): Promise<ReconciliationReport> {
    const before = (await this.session.load(SESSION_ID)).state;
    if (before.mode === 'trading') {
      await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: STREAM_GAP_HALT, at: this.clock.now() } }));
    }
    const report = await this.reconciliation.reconcile('stream-gap');
    const after = (await this.session.load(SESSION_ID)).state;
    if (after.mode === 'halted' && after.haltReason === STREAM_GAP_HALT) {
      await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'ResumeTrading', data: { at: this.clock.now() } }));
    }
    return report;
  }
}
