/** Placeholder: the Strategies page is being built (issue 15). */
export function StrategiesPage() {
  return <p className="muted">The Strategies page is not built yet.</p>;
}
