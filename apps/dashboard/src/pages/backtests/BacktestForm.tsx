import { type FormEvent, useState } from 'react';
import { api, ApiError, ok } from '../../api/client';
import { toApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { type BacktestFormValues, toBacktestRequest } from './backtest-request';

type StrategySummary = components['schemas']['StrategySummaryResponse'];

const initial: BacktestFormValues = { strategyId: 'basic-seven-rules', markets: 'KRW-BTC', from: '', to: '', initialKrw: '10000000', fee: '0.0005', slippageBps: '5' };

interface BacktestFormProps {
  readonly strategies: readonly StrategySummary[];
  readonly onStarted: (id: string) => void;
}

/** Starts a backtest; the server's validation errors are shown on their fields. */
export function BacktestForm({ strategies, onStarted }: BacktestFormProps) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<ApiError>();
  const [starting, setStarting] = useState(false);
  const set = (field: keyof BacktestFormValues) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStarting(true);
    setError(undefined);
    try {
      const accepted = await ok(api.POST('/api/v1/backtests', { body: toBacktestRequest(values) }));
      onStarted(accepted.id);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setStarting(false);
    }
  };

  const fieldError = (field: string) => {
    const message = error?.problem.errors?.filter((entry) => entry.field === field || entry.field.startsWith(`${field}.`)).map((entry) => entry.message).join('; ');
    return message ? (
      <span className="field-error" id={`backtest-${field}-error`}>
        {message}
      </span>
    ) : null;
  };
  const invalid = (field: string) => (error?.problem.errors?.some((entry) => entry.field === field || entry.field.startsWith(`${field}.`)) ? { 'aria-invalid': true, 'aria-describedby': `backtest-${field}-error` } : {});
  const named = new Set(error?.problem.errors?.map((entry) => entry.field.split('.')[0]) ?? []);
  const otherError = error && ![...named].some((field) => ['strategyId', 'markets', 'from', 'to', 'initialKrw', 'fee', 'slippageBps'].includes(field ?? ''));

  return (
    <form className="panel form backtest-form" onSubmit={(event) => void submit(event)} aria-labelledby="backtest-form-title" noValidate>
      <h2 id="backtest-form-title">Start a backtest</h2>
      <div className="grid">
        <label>
          Strategy
          <select value={values.strategyId} onChange={set('strategyId')} {...invalid('strategyId')}>
            {!strategies.some((s) => s.strategyId === 'basic-seven-rules') && <option value="basic-seven-rules">basic-seven-rules (built in)</option>}
            {strategies.map((strategy) => (
              <option key={strategy.strategyId} value={strategy.strategyId}>
                {strategy.strategyId} v{strategy.version}
              </option>
            ))}
          </select>
          {fieldError('strategyId')}
        </label>
        <label>
          Markets (comma separated)
          <input value={values.markets} onChange={set('markets')} {...invalid('markets')} />
          {fieldError('markets')}
        </label>
        <label>
          From (UTC)
          <input type="datetime-local" value={values.from} onChange={set('from')} {...invalid('from')} />
          {fieldError('from')}
        </label>
        <label>
          To (UTC)
          <input type="datetime-local" value={values.to} onChange={set('to')} {...invalid('to')} />
          {fieldError('to')}
        </label>
        <label>
          Initial KRW
          <input inputMode="decimal" value={values.initialKrw} onChange={set('initialKrw')} {...invalid('initialKrw')} />
          {fieldError('initialKrw')}
        </label>
        <label>
          Fee per side (fraction)
          <input inputMode="decimal" value={values.fee} onChange={set('fee')} {...invalid('fee')} />
          {fieldError('fee')}
        </label>
        <label>
          Slippage (bps)
          <input type="number" min={0} max={1000} step="any" value={values.slippageBps} onChange={set('slippageBps')} {...invalid('slippageBps')} />
          {fieldError('slippageBps')}
        </label>
      </div>
      {otherError && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={starting}>
        Start backtest
      </button>
    </form>
  );
}
