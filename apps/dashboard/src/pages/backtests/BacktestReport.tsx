import { useState } from 'react';
import { api, ok } from '../../api/client';
import { toApiError } from '../../api/problem';
import { useApiData } from '../../api/use-api-data';
import { saveBlob } from '../save-blob';
import { EquityChart } from './EquityChart';
import { formatMetric, metricTables } from './metric-rows';

async function loadReport(id: string) {
  const report = await ok(api.GET('/api/v1/backtests/{id}/report', { params: { path: { id }, query: { format: 'json' } } }));
  // The route also answers HTML (?format=html); asked for JSON, a text answer is a broken server.
  if (typeof report === 'string') throw new Error('the report route answered text, not the JSON report');
  return report;
}

/** A finished job's report: the JSON report's metrics as tables, its equity curve, and the HTML report as a download. */
export function BacktestReport({ id }: { readonly id: string }) {
  const report = useApiData(() => loadReport(id), [id]);
  const equity = useApiData(() => ok(api.GET('/api/v1/backtests/{id}/equity', { params: { path: { id } } })), [id]);
  const [downloadError, setDownloadError] = useState<string>();

  const downloadHtml = async () => {
    setDownloadError(undefined);
    try {
      const html = await ok(api.GET('/api/v1/backtests/{id}/report', { params: { path: { id }, query: { format: 'html' } }, parseAs: 'blob' }));
      saveBlob(new Blob([html], { type: 'text/html' }), `backtest-${id}.html`);
    } catch (failure) {
      setDownloadError(toApiError(failure).message);
    }
  };

  const error = report.error ?? equity.error;
  if (error) return <p className="error" role="alert">{error.message}</p>;
  if (!report.data) return <p className="muted">Loading the report…</p>;
  const tables = metricTables(report.data.metrics);
  return (
    <section className="panel" aria-labelledby="backtest-report-title">
      <div className="row backtest-report-head">
        <h2 id="backtest-report-title">Report</h2>
        <button type="button" onClick={() => void downloadHtml()}>
          Download HTML report
        </button>
        {downloadError && <span className="error">{downloadError}</span>}
      </div>
      {equity.data && <EquityChart points={equity.data.points} />}
      <div className="grid">
        <table aria-label="Run">
          <tbody>
            {Object.entries(report.data.run).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="num">{Array.isArray(value) ? value.join(', ') : formatMetric(name === 'from' || name === 'to' ? new Date(Number(value)).toISOString() : value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table aria-label="Metrics">
          <tbody>
            {tables.scalars.map((row) => (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                <td className="num">{formatMetric(row.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {tables.lists
        .filter((list) => list.rows.length > 0)
        .map((list) => {
          const columns = Object.keys(list.rows[0] ?? {});
          return (
            <table key={list.name} aria-label={list.name} className="backtest-breakdown">
              <caption>{list.name}</caption>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column}>{column}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.rows.map((row, index) => (
                  <tr key={index}>
                    {columns.map((column) => (
                      <td key={column} className={typeof row[column] === 'number' ? 'num' : undefined}>
                        {formatMetric(row[column])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
    </section>
  );
}
