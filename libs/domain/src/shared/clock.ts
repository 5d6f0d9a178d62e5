/**
 * Where domain code gets the time from. Domain functions never read the system clock: the
 * application passes a Clock in, so every decision is reproducible in tests and in replays.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}
