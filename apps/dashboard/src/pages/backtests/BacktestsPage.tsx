import { useEffect } from 'react';
import { api, ok } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { navigate, useRoute } from '../../app/router';
import { BacktestForm } from './BacktestForm';
import { BacktestReport } from './BacktestReport';
import { BacktestJobList } from './BacktestJobList';
import { useBacktestProgress } from './use-backtest-progress';
import './BacktestsPage.css';

/** Backtests: start one, watch its progress live, read its report; the jobs the trader keeps, listed. */
export function BacktestsPage() {
  const selected = useRoute().query.get('job') ?? undefined;
  const strategies = useApiData(() => ok(api.GET('/api/v1/strategies')), []);
  const jobs = useApiData(() => ok(api.GET('/api/v1/backtests')), []);
  const { job, error } = useBacktestProgress(selected);
  const finished = job?.status === 'done' || job?.status === 'failed';
  // The list shows each job's status and return: read it again once the watched job has ended.
  const reloadJobs = jobs.reload;
  useEffect(() => {
    if (finished) reloadJobs();
  }, [finished, reloadJobs]);
  const select = (id: string) => navigate(`/backtests?job=${encodeURIComponent(id)}`);

  return (
    <div>
      <BacktestForm
        strategies={strategies.data ?? []}
        onStarted={(id) => {
          select(id);
          jobs.reload();
        }}
      />
      {selected && (
        <section className="panel backtest-progress" aria-labelledby="backtest-progress-title">
          <h2 id="backtest-progress-title">Backtest {selected.slice(0, 8)}</h2>
          {error && <p className="error" role="alert">{error}</p>}
          {job && (
            <>
              <p role="status">
                <span className={`badge ${job.status === 'done' ? 'ok' : job.status === 'failed' ? 'danger' : 'warn'}`}>{job.status}</span> {job.strategyId} on {job.markets.join(', ')}, {job.progress.percent}% ({job.progress.processed} processed
                {job.progress.at ? `, at ${job.progress.at}` : ''})
              </p>
              <progress max={100} value={job.progress.percent} aria-label="Backtest progress" />
              {job.error && <p className="error">{job.error}</p>}
            </>
          )}
        </section>
      )}
      {selected && job?.status === 'done' && <BacktestReport id={selected} />}
      <section className="panel" aria-labelledby="backtest-jobs-title">
        <h2 id="backtest-jobs-title">Recent backtests</h2>
        {jobs.error && <p className="error" role="alert">{jobs.error.message}</p>}
        <BacktestJobList jobs={jobs.data ?? []} selected={selected} onSelect={select} />
      </section>
    </div>
  );
}
