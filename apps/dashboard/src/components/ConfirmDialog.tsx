import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { toApiError } from '../api/problem';
import './ConfirmDialog.css';

export interface ConfirmDialogProps {
  readonly title: string;
  /** What confirming does, in the operator's words: the dialog names it before anything happens. */
  readonly description: string;
  readonly confirmLabel: string;
  /** Ask for a reason (recorded in the event); confirming needs one. */
  readonly reasonLabel?: string;
  readonly danger?: boolean;
  /** Runs the action; a failure keeps the dialog open with the server's message. */
  readonly onConfirm: (reason: string) => Promise<unknown>;
  readonly onClose: () => void;
}

/** A modal confirmation: Escape or Cancel closes it, the first control has focus, errors stay in it. */
export function ConfirmDialog({ title, description, confirmLabel, reasonLabel, danger, onConfirm, onClose }: ConfirmDialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);

  const needsReason = reasonLabel !== undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (needsReason && reason.trim() === '') return setError('A reason is required.');
    setBusy(true);
    setError(undefined);
    onConfirm(reason.trim()).then(onClose, (failure: unknown) => {
      const problem = toApiError(failure);
      setError(problem.fieldMessage('reason') ?? problem.message);
      setBusy(false);
    });
  };
  const escape = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) onClose();
  };

  return (
    <div className="confirm-backdrop" onKeyDown={escape}>
      <form className="confirm-dialog panel" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={descriptionId} onSubmit={submit}>
        <h2 id={titleId}>{title}</h2>
        <p id={descriptionId}>{description}</p>
        {needsReason && (
          <label htmlFor={reasonId}>
            {reasonLabel}
            <input id={reasonId} ref={first} value={reason} maxLength={200} onChange={(event) => setReason(event.target.value)} aria-invalid={error !== undefined} />
          </label>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" ref={needsReason ? undefined : first} onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
