/** Placeholder: the Events page is being built (issue 15). */
export function EventsPage() {
  return <p className="muted">The Events page is not built yet.</p>;
}
