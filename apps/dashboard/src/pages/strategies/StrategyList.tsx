import type { components } from '../../api/schema';

type StrategySummary = components['schemas']['StrategySummaryResponse'];

interface StrategyListProps {
  readonly strategies: readonly StrategySummary[];
  readonly busy: string | undefined;
  readonly onToggle: (strategy: StrategySummary) => void;
  readonly onEdit: (strategyId: string) => void;
  readonly onExport: (strategyId: string) => void;
}

/** The defined strategies, each with enable/disable, edit and export. */
export function StrategyList({ strategies, busy, onToggle, onEdit, onExport }: StrategyListProps) {
  if (strategies.length === 0) return <p className="muted">No strategy is defined yet.</p>;
  return (
    <table aria-label="Strategies">
      <thead>
        <tr>
          <th>Id</th>
          <th>Name</th>
          <th className="num">Version</th>
          <th>Markets</th>
          <th>Timeframe</th>
          <th>State</th>
          <th>Actions</th>
        </tr>
      </thead>
      <tbody>
        {strategies.map((strategy) => (
          <tr key={strategy.strategyId}>
            <td>
              <code>{strategy.strategyId}</code>
            </td>
            <td>{strategy.name}</td>
            <td className="num">{strategy.version}</td>
            <td>{strategy.markets.join(', ')}</td>
            <td>{strategy.timeframe}</td>
            <td>
              <span className={`badge ${strategy.enabled ? 'ok' : 'warn'}`}>{strategy.enabled ? 'enabled' : 'disabled'}</span>
            </td>
            <td className="row">
              <button type="button" disabled={busy === strategy.strategyId} onClick={() => onToggle(strategy)} aria-label={`${strategy.enabled ? 'Disable' : 'Enable'} ${strategy.strategyId}`}>
                {strategy.enabled ? 'Disable' : 'Enable'}
              </button>
              <button type="button" onClick={() => onEdit(strategy.strategyId)} aria-label={`Edit ${strategy.strategyId}`}>
                Edit
              </button>
              <button type="button" onClick={() => onExport(strategy.strategyId)} aria-label={`Export ${strategy.strategyId}`}>
                Export
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
