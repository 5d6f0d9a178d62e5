/** Placeholder: the Backtests page is being built (issue 15). */
export function BacktestsPage() {
  return <p className="muted">The Backtests page is not built yet.</p>;
}
