import type { Clock } from '@trader/domain';
import { OrderAdmission } from '../orders/place-order/order-admission.port';
import { retryOnConflict } from '../trading/conflict-retry';
import { SESSION_ID, SessionRepository } from '../trading/trading-repositories';
import { ReconciliationReport, ReconciliationService } from './reconciliation.service';

/** The halt reason the gate uses after a gap in the private stream. */
export const STREAM_GAP_HALT = 'stream_gap';
/** The halt reason when the exchange holds less than our positions even after correcting our orders. */
export const BALANCE_MISMATCH_HALT = 'balance_mismatch';
/** Why orders are denied before the first successful reconciliation. */
export const RECONCILIATION_PENDING = 'reconciliation_pending';

/** Halts the gate itself causes, and so lifts once a reconciliation succeeds without their cause. */
const GATE_HALTS: readonly string[] = [STREAM_GAP_HALT, BALANCE_MISMATCH_HALT];

/**
 * Nothing trades until our records agree with the exchange. Until the start-up reconciliation has
 * succeeded, every order is denied (exits too), whatever mode the session was left in by the last
 * process; then the session starts trading (or resumes, when the gate halted it). When the private
 * stream reports a gap (we may have missed fills or cancels), new entries are halted, the records are
 * reconciled, and trading resumes, unless someone else halted it meanwhile. A market where the
 * exchange holds less than our position, even after our orders were corrected from the exchange's,
 * halts entries with `balance_mismatch` until a later reconciliation finds the balances agree. A
 * failed reconciliation leaves the session as it is and fails, to be retried by the caller.
 */
export class ReconciliationGate implements OrderAdmission {
  private reconciledOnce = false;

  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly session: SessionRepository,
    private readonly clock: Clock,
  ) {}

  blockedBy(): string | null {
    return this.reconciledOnce ? null : RECONCILIATION_PENDING;
  }

  async atStartup(): Promise<ReconciliationReport> {
    const report = await this.reconciliation.reconcile('startup');
    const { state } = await this.session.load(SESSION_ID);
    if (state.mode === 'idle') await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'StartTrading', data: { at: this.clock.now() } }));
    await this.settle(report);
    this.reconciledOnce = true;
    return report;
  }

  async afterStreamGap(): Promise<ReconciliationReport> {
    await this.halt(STREAM_GAP_HALT);
    const report = await this.reconciliation.reconcile('stream-gap');
    await this.settle(report);
    return report;
  }

  /**
   * While entries are halted for a balance mismatch, reconciles again: a shortfall found while orders
   * were still executing (their fills not yet recorded) is a race, and the next pass finds the
   * balances agree and lifts the halt. Returns null when there is nothing to re-check.
   */
  async recheckBalances(): Promise<ReconciliationReport | null> {
    const { state } = await this.session.load(SESSION_ID);
    if (state.mode !== 'halted' || state.haltReason !== BALANCE_MISMATCH_HALT) return null;
    const report = await this.reconciliation.reconcile('balance-recheck');
    await this.settle(report);
    return report;
  }

  /** Halts for a shortfall, or lifts a halt the gate caused once the reconciliation found none. */
  private async settle(report: ReconciliationReport): Promise<void> {
    if (report.shortMarkets.length > 0) {
      const { state } = await this.session.load(SESSION_ID);
      // A gap halt becomes a mismatch halt: its cause is now the mismatch, which a later pass must clear.
      if (state.mode === 'halted' && state.haltReason === STREAM_GAP_HALT) await this.resume();
      await this.halt(BALANCE_MISMATCH_HALT);
      return;
    }
    const { state } = await this.session.load(SESSION_ID);
    if (state.mode === 'halted' && state.haltReason !== null && GATE_HALTS.includes(state.haltReason)) await this.resume();
  }

  private async halt(reason: string): Promise<void> {
    const { state } = await this.session.load(SESSION_ID);
    if (state.mode !== 'trading') return;
    await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason, at: this.clock.now() } }));
  }

  private async resume(): Promise<void> {
    await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'ResumeTrading', data: { at: this.clock.now() } }));
  }
}
