/** Placeholder: the Overview page is being built (issue 15). */
export function OverviewPage() {
  return <p className="muted">The Overview page is not built yet.</p>;
}
