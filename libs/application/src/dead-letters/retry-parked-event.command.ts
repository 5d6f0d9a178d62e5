/** Run the handler once more on a parked event; it is closed when the handler succeeds. */
export class RetryParkedEvent {
  constructor(readonly id: number) {}
}
