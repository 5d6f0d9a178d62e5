import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { api, ApiError, ok } from '../../api/client';
import { toApiError } from '../../api/problem';
import { type AmountField, amountFields, emptyOrderForm, type OrderFormValues, placeOrderRequest, takesTimeInForce, timeInForceChoices } from './order-form';

type FormField = 'market' | 'side' | 'orderType' | 'timeInForce' | AmountField;

/** The fields the form shows for these values: a field error elsewhere is shown with the form's message. */
function shownFields(values: OrderFormValues): readonly FormField[] {
  return ['market', 'side', 'orderType', ...(takesTimeInForce(values.orderType) ? (['timeInForce'] as const) : []), ...amountFields(values.orderType, values.side)];
}

const amountLabels: Record<AmountField, string> = { price: 'Price (KRW)', volume: 'Volume', funds: 'Funds (KRW)' };

type Outcome = { readonly kind: 'placed'; readonly orderId: string } | { readonly kind: 'denied'; readonly reason: string } | { readonly kind: 'failed'; readonly detail: string };

/**
 * The manual order form. It checks nothing itself: the server validates, a 400's field errors are
 * shown on their fields, and a 422 (our session or risk checks denied the order) shows the reason.
 */
export function OrderForm({ defaultMarket, onPlaced }: { defaultMarket: string; onPlaced?: (orderId: string) => void }) {
  const id = useId();
  const [values, setValues] = useState<OrderFormValues>(() => emptyOrderForm(defaultMarket));
  const [error, setError] = useState<ApiError>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const set = <Key extends keyof OrderFormValues>(key: Key, value: OrderFormValues[Key]) => setValues((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      const placed = await ok(api.POST('/api/v1/orders', { body: placeOrderRequest(values) }));
      setOutcome({ kind: 'placed', orderId: placed.orderId });
      onPlaced?.(placed.orderId);
    } catch (failure) {
      const problem = toApiError(failure);
      setError(problem);
      if (problem.problem.status === 422) setOutcome({ kind: 'denied', reason: problem.problem.detail });
      else if (!shownFields(values).some((field) => problem.fieldMessage(field))) setOutcome({ kind: 'failed', detail: problem.problem.detail });
    } finally {
      setBusy(false);
    }
  };

  const fieldProps = (field: FormField) => {
    const message = error?.fieldMessage(field);
    return { id: `${id}-${field}`, name: field, 'aria-invalid': message ? true : undefined, 'aria-describedby': message ? `${id}-${field}-error` : undefined };
  };

  return (
    <form className="order-form" aria-label="Manual order" onSubmit={(event) => void submit(event)} noValidate>
      <div className="order-form-fields">
        <Field label="Market" field="market" ids={id} error={error}>
          <input {...fieldProps('market')} value={values.market} onChange={(event) => set('market', event.target.value)} placeholder="KRW-BTC" autoComplete="off" />
        </Field>
        <Field label="Side" field="side" ids={id} error={error}>
          <select {...fieldProps('side')} value={values.side} onChange={(event) => set('side', event.target.value as OrderFormValues['side'])}>
            <option value="buy">buy</option>
            <option value="sell">sell</option>
          </select>
        </Field>
        <Field label="Type" field="orderType" ids={id} error={error}>
          <select {...fieldProps('orderType')} value={values.orderType} onChange={(event) => set('orderType', event.target.value as OrderFormValues['orderType'])}>
            <option value="limit">limit</option>
            <option value="market">market</option>
            <option value="best">best</option>
          </select>
        </Field>
        {amountFields(values.orderType, values.side).map((field) => (
          <Field key={field} label={amountLabels[field]} field={field} ids={id} error={error}>
            <input {...fieldProps(field)} className="num" inputMode="decimal" value={values[field]} onChange={(event) => set(field, event.target.value)} autoComplete="off" />
          </Field>
        ))}
        {takesTimeInForce(values.orderType) && (
          <Field label="Time in force" field="timeInForce" ids={id} error={error}>
            <select {...fieldProps('timeInForce')} value={values.timeInForce} onChange={(event) => set('timeInForce', event.target.value as OrderFormValues['timeInForce'])}>
              <option value="">default</option>
              {timeInForceChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <div className="row">
        <button type="submit" className={values.side === 'buy' ? 'primary' : 'danger'} disabled={busy}>
          Place {values.side} order
        </button>
        {outcome?.kind === 'placed' && (
          <span role="status" className="muted">
            Order {outcome.orderId} submitted.
          </span>
        )}
        {outcome?.kind === 'denied' && (
          <span role="alert" className="error">
            Denied: {outcome.reason}
          </span>
        )}
        {outcome?.kind === 'failed' && (
          <span role="alert" className="error">
            {outcome.detail}
          </span>
        )}
      </div>
    </form>
  );
}

/** A labelled control with the server's message for its field under it. */
function Field({ label, field, ids, error, children }: { label: string; field: FormField; ids: string; error: ApiError | undefined; children: ReactNode }) {
  const message = error?.fieldMessage(field);
  return (
    <div className="order-field">
      <label htmlFor={`${ids}-${field}`}>{label}</label>
      {children}
      {message && (
        <span id={`${ids}-${field}-error`} className="field-error">
          {message}
        </span>
      )}
    </div>
  );
}
