/**
 * Whether the stream that keeps a piece of live state is flowing. Down from the moment a gap is
 * announced (or the loop reading it failed) until the state has been made whole again; while down,
 * what the state holds is served marked stale, never as current.
 */
export class StreamHealth {
  private downSince: number | null;

  /** Starts down: nothing is current until the stream is read and the state seeded. */
  constructor(startedAt: number) {
    this.downSince = startedAt;
  }

  down(at: number): void {
    this.downSince ??= at;
  }

  up(): void {
    this.downSince = null;
  }

  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** When it went down (epoch ms), or null while it flows. */
  get since(): number | null {
    return this.downSince;
  }
}
