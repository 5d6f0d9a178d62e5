import { type FormEvent, useId, useState } from 'react';
import { ApiError, toApiError } from '../../api/problem';
import type { SavedLimits } from './risk-api';
import { changedFields, formFromLimits, type RiskLimits, type RiskLimitsField, type RiskLimitsForm, riskLimitsFields, type RiskLimitsRequest, toRiskLimitsRequest } from './risk-limits-form';

export interface RiskLimitsEditorProps {
  /** The limits in force (null before any were configured). */
  readonly limits: RiskLimits | null;
  /** Sends the limits, then answers the limits in force afterwards (and the server's 202 answer, if any). */
  readonly save: (request: RiskLimitsRequest) => Promise<SavedLimits>;
}

type Outcome =
  | { readonly kind: 'applied' }
  | { readonly kind: 'deferred'; readonly waitingFor: readonly string[] }
  | { readonly kind: 'pending'; readonly fields: readonly RiskLimitsField[] };

/**
 * Edits every limit at once. A refusal shows the server's message on each field it names; an accepted
 * change says whether the limits read back are the ones sent (applied) or not yet (pending).
 */
export function RiskLimitsEditor({ limits, save }: RiskLimitsEditorProps) {
  const idPrefix = useId();
  const [form, setForm] = useState<RiskLimitsForm>(() => formFromLimits(limits));
  const [error, setError] = useState<ApiError>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sent = form;
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    save(toRiskLimitsRequest(sent)).then(
      ({ inForce, change }) => {
        const fields = changedFields(sent, inForce);
        if (change?.outcome === 'deferred' && fields.length > 0) setOutcome({ kind: 'deferred', waitingFor: change.waitingFor });
        else setOutcome(fields.length === 0 ? { kind: 'applied' } : { kind: 'pending', fields });
        setBusy(false);
      },
      (failure: unknown) => {
        setError(toApiError(failure));
        setBusy(false);
      },
    );
  };

  const fieldErrors = new Set(error?.problem.errors?.map((entry) => entry.field));
  const unnamed = error && fieldErrors.size === 0;
  const labelOf = (field: RiskLimitsField) => riskLimitsFields.find((spec) => spec.field === field)?.label ?? field;

  return (
    <form className="form risk-limits" onSubmit={submit} aria-label="Risk limits" noValidate>
      {riskLimitsFields.map(({ field, label, hint }) => {
        const id = `${idPrefix}-${field}`;
        const message = error?.fieldMessage(field);
        return (
          <div key={field} className="field">
            <label htmlFor={id}>{label}</label>
            <input
              id={id}
              inputMode="decimal"
              value={form[field]}
              onChange={(event) => setForm({ ...form, [field]: event.target.value })}
              aria-invalid={message !== undefined}
              aria-describedby={`${id}-hint${message ? ` ${id}-error` : ''}`}
            />
            <small id={`${id}-hint`} className="muted">
              {hint}
            </small>
            {message && (
              <span id={`${id}-error`} className="field-error">
                {message}
              </span>
            )}
          </div>
        );
      })}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Save limits
        </button>
        <button type="button" onClick={() => setForm(formFromLimits(limits))} disabled={busy}>
          Reset to limits in force
        </button>
      </div>
      <div role="status">
        {outcome?.kind === 'applied' && <p className="badge ok">Applied: these limits are in force.</p>}
        {outcome?.kind === 'deferred' && (
          <p className="badge warn">
            Deferred: {outcome.waitingFor.length} order{outcome.waitingFor.length === 1 ? ' is' : 's are'} in flight; these limits apply when {outcome.waitingFor.length === 1 ? 'it ends' : 'they end'} (pending on the Overview).
          </p>
        )}
        {outcome?.kind === 'pending' && (
          <p className="badge warn">Pending, not applied yet: {outcome.fields.map(labelOf).join(', ')} still differ from the limits in force.</p>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {unnamed ? error.message : 'The server refused these limits: see the fields marked.'}
        </p>
      )}
    </form>
  );
}
