/** Placeholder: the Risk page is being built (issue 15). */
export function RiskPage() {
  return <p className="muted">The Risk page is not built yet.</p>;
}
