/**
 * The maximum (or minimum) of a sliding window in amortised O(1): a deque of (key, value) kept
 * monotonic, so the front is always the extreme. `key` orders the entries: a sequence number for a
 * window of N values, a timestamp for a window of T milliseconds.
 */
export class MonotonicExtreme {
  private keys: number[] = [];
  private values: number[] = [];
  private head = 0;

  constructor(private readonly kind: 'max' | 'min') {}

  push(key: number, value: number): void {
    const dominated = this.kind === 'max' ? (v: number) => v <= value : (v: number) => v >= value;
    while (this.values.length > this.head && dominated(this.values[this.values.length - 1])) {
      this.values.pop();
      this.keys.pop();
    }
    this.keys.push(key);
    this.values.push(value);
  }

  /** Drops entries with a key below `key`. */
  evictBefore(key: number): void {
    while (this.head < this.keys.length && this.keys[this.head] < key) this.head += 1;
    // Compact now and then so the arrays do not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.keys.length) {
      this.keys = this.keys.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }

  get value(): number | null {
    return this.head < this.values.length ? this.values[this.head] : null;
  }
}
