import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { RuntimeStatus, Session } from './session-api';
import { engageKillSwitch, haltTrading, releaseKillSwitch, resumeTrading } from './session-api';
import './facts.css';

const modeBadge = { trading: 'ok', idle: 'warn', halted: 'danger', reducing: 'warn' } as const;

type Dialog = 'halt' | 'resume' | 'kill' | 'release';

export interface SessionPanelProps {
  readonly session: Session;
  readonly killSwitchEngaged: boolean | undefined;
  readonly runtime: RuntimeStatus | undefined;
}

/** The start-up reconciliation's task, as the runtime reports it (the session stays idle until it succeeds). */
function reconciliationOf(runtime: RuntimeStatus | undefined) {
  return runtime?.tasks.find((task) => task.name === 'trading.startup-reconciliation');
}

const reconciliationBadge: Record<string, string> = { completed: 'ok', running: 'warn', waiting: 'warn', failed: 'danger' };

/** Session state and reconciliation, with halt, resume, and the kill switch: each confirmed first. */
export function SessionPanel({ session, killSwitchEngaged, runtime }: SessionPanelProps) {
  const [dialog, setDialog] = useState<Dialog>();
  const close = () => setDialog(undefined);
  const reconciliation = reconciliationOf(runtime);
  // While the kill switch is engaged the API refuses a resume (409): release it first.
  const canResume = (session.mode === 'halted' || session.mode === 'reducing') && killSwitchEngaged !== true;

  return (
    <section className="panel" aria-labelledby="session-title">
      <h2 id="session-title">Session</h2>
      <dl className="facts">
        <dt>State</dt>
        <dd>
          <span className={`badge ${modeBadge[session.mode]}`} data-testid="session-mode">
            {session.mode}
          </span>
          {session.haltReason && <span className="muted"> {session.haltReason}</span>}
        </dd>
        <dt>Kill switch</dt>
        <dd>{killSwitchEngaged === undefined ? '…' : killSwitchEngaged ? <span className="badge danger">engaged: every order denied</span> : <span className="badge ok">released</span>}</dd>
        <dt>Reconciliation</dt>
        <dd>
          {reconciliation ? (
            <>
              <span className={`badge ${reconciliationBadge[reconciliation.state] ?? 'warn'}`}>{reconciliation.state}</span>
              {reconciliation.lastError && <span className="error"> {reconciliation.lastError}</span>}
            </>
          ) : (
            <span className="muted">not reported</span>
          )}
        </dd>
        <dt>Orders in flight</dt>
        <dd className="num">{session.ordersInFlight.length}</dd>
        <dt>Database profile</dt>
        <dd>{session.databaseProfile}</dd>
      </dl>
      <div className="row" role="group" aria-label="Session controls">
        <button type="button" onClick={() => setDialog('halt')} disabled={session.mode === 'halted'}>
          Halt…
        </button>
        <button type="button" onClick={() => setDialog('resume')} disabled={!canResume} title={killSwitchEngaged ? 'Release the kill switch first' : undefined}>
          Resume
        </button>
        {killSwitchEngaged ? (
          <button type="button" onClick={() => setDialog('release')}>
            Release kill switch…
          </button>
        ) : (
          <button type="button" className="danger" onClick={() => setDialog('kill')}>
            Kill switch…
          </button>
        )}
      </div>
      {dialog === 'halt' && (
        <ConfirmDialog
          title="Halt trading?"
          description="No new entries or adds leave while halted; exits and cancels still pass, and open orders stay open. Resume to trade again."
          confirmLabel="Halt"
          reasonLabel="Reason"
          onConfirm={haltTrading}
          onClose={close}
        />
      )}
      {dialog === 'resume' && <ConfirmDialog title="Resume trading?" description="Strategies may enter and add again." confirmLabel="Resume trading" onConfirm={resumeTrading} onClose={close} />}
      {dialog === 'kill' && (
        <ConfirmDialog
          title="Engage the kill switch?"
          description="Cancels every open order and halts trading; every new order, exits included, is denied until the kill switch is released."
          confirmLabel="Engage kill switch"
          reasonLabel="Reason"
          danger
          onConfirm={engageKillSwitch}
          onClose={close}
        />
      )}
      {dialog === 'release' && (
        <ConfirmDialog
          title="Release the kill switch?"
          description="Orders are allowed again by the risk policy; the session stays halted until you resume it."
          confirmLabel="Release kill switch"
          onConfirm={releaseKillSwitch}
          onClose={close}
        />
      )}
    </section>
  );
}
