/** Give up on a parked event for good (it stays in the log, closed as discarded). */
export class DiscardParkedEvent {
  constructor(readonly id: number) {}
}
