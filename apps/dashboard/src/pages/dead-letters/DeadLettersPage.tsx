/** Placeholder: the DeadLetters page is being built (issue 15). */
export function DeadLettersPage() {
  return <p className="muted">The DeadLetters page is not built yet.</p>;
}
