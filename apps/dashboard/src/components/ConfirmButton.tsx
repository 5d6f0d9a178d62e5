import { useEffect, useRef, useState } from 'react';

interface ConfirmButtonProps {
  /** The button's text, e.g. "Cancel". */
  readonly label: string;
  /** Its accessible name when the text alone is ambiguous, e.g. "Cancel order 1f2e…". */
  readonly name?: string;
  /** What is asked before acting, e.g. "Cancel this KRW-BTC buy order?". */
  readonly question: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => Promise<void>;
  readonly disabled?: boolean;
}

/**
 * A button that asks before it acts: a click shows the question with a confirm and a keep button
 * (focus moves to keep, so Enter twice does not act); the server's refusal is shown next to it.
 */
export function ConfirmButton({ label, name, question, confirmLabel, onConfirm, disabled }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);

  const confirm = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await onConfirm();
      setAsking(false);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <span className="confirm">
        <button type="button" className="danger" aria-label={name} disabled={disabled} onClick={() => setAsking(true)}>
          {label}
        </button>
        {failure && (
          <span role="alert" className="field-error">
            {failure}
          </span>
        )}
      </span>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
        {confirmLabel}
      </button>
      <button type="button" ref={keep} disabled={busy} onClick={() => setAsking(false)}>
        Keep
      </button>
      {failure && (
        <span role="alert" className="field-error">
          {failure}
        </span>
      )}
    </span>
  );
}
