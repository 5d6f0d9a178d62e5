import type { Health, RuntimeStatus } from './session-api';
import './facts.css';

const statusBadge: Record<string, string> = { up: 'ok', degraded: 'warn', down: 'danger', running: 'ok', starting: 'warn', stopping: 'warn', stopped: 'danger', failed: 'danger' };
const badge = (state: string) => `badge ${statusBadge[state] ?? 'warn'}`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

export interface HealthPanelProps {
  /** GET /health: up, degraded or down. */
  readonly status: Health['status'] | undefined;
  /** GET /api/v1/runtime: components, loop delay and tasks in detail. */
  readonly runtime: RuntimeStatus;
}

/** Event-loop delay and the components' health; failed or restarting tasks with their last error. */
export function HealthPanel({ status, runtime }: HealthPanelProps) {
  const { loop } = runtime;
  const troubled = runtime.tasks.filter((task) => task.state === 'failed' || task.lastError !== undefined);
  return (
    <section className="panel" aria-labelledby="health-title">
      <h2 id="health-title">
        Health {status && <span className={badge(status)}>{status}</span>}
      </h2>
      <dl className="facts">
        <dt>Loop delay p50 / p99 / max</dt>
        <dd className="num" data-testid="loop-delay">
          {ms(loop.p50Ms)} / {ms(loop.p99Ms)} / {ms(loop.maxMs)}
        </dd>
        <dt>Over {loop.thresholdMs} ms</dt>
        <dd className={loop.violations > 0 ? 'num error' : 'num'}>
          {loop.violations} time(s) ({loop.mode})
        </dd>
      </dl>
      <table aria-label="Components">
        <thead>
          <tr>
            <th>Component</th>
            <th>State</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {runtime.kernel.components.map((component) => (
            <tr key={component.name}>
              <td>{component.name}</td>
              <td>
                <span className={badge(component.state)}>{component.state}</span>
              </td>
              <td className={component.lastError ? 'error' : 'muted'}>{component.lastError ?? component.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {troubled.length > 0 && (
        <>
          <h3>Tasks with errors</h3>
          <ul>
            {troubled.map((task) => (
              <li key={task.name}>
                {task.name} <span className="badge warn">{task.state}</span> <span className="error">{task.lastError}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
