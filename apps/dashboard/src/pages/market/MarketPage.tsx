/** Placeholder: the Market page is being built (issue 15). */
export function MarketPage() {
  return <p className="muted">The Market page is not built yet.</p>;
}
