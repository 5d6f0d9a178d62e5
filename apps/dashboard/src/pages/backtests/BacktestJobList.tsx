import type { BacktestJob } from './use-backtest-progress';

interface BacktestJobListProps {
  readonly jobs: readonly BacktestJob[];
  readonly selected: string | undefined;
  readonly onSelect: (id: string) => void;
}

/** The jobs the trader keeps in memory (a restart forgets them), newest first. */
export function BacktestJobList({ jobs, selected, onSelect }: BacktestJobListProps) {
  if (jobs.length === 0) return <p className="muted">No backtest since the trader started.</p>;
  return (
    <table aria-label="Recent backtests">
      <thead>
        <tr>
          <th>Submitted</th>
          <th>Strategy</th>
          <th>Markets</th>
          <th>Range</th>
          <th>Status</th>
          <th className="num">Return %</th>
          <th className="num">Trades</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id} aria-selected={job.id === selected}>
            <td>{job.submittedAt.replace('T', ' ').slice(0, 19)}</td>
            <td>{job.strategyId}</td>
            <td>{job.markets.join(', ')}</td>
            <td>
              {job.from.slice(0, 16)} → {job.to.slice(0, 16)}
            </td>
            <td>{job.status}</td>
            <td className="num">{job.summary ? job.summary.totalReturnPct.toFixed(2) : '–'}</td>
            <td className="num">{job.summary?.trades ?? '–'}</td>
            <td>
              <button type="button" onClick={() => onSelect(job.id)} aria-label={`Show backtest ${job.id}`}>
                Show
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
