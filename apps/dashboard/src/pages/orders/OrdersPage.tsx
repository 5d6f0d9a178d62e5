/** Placeholder: the Orders page is being built (issue 15). */
export function OrdersPage() {
  return <p className="muted">The Orders page is not built yet.</p>;
}
