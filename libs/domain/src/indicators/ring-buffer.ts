/** A fixed-capacity FIFO of numbers: push returns the value it evicted, O(1). */
export class RingBuffer {
  private readonly items: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Adds a value; when full, drops and returns the oldest one. */
  push(value: number): number | undefined {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = value;
      this.count += 1;
      return undefined;
    }
    const evicted = this.items[this.start];
    this.items[this.start] = value;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  /** The i-th oldest value. */
  at(index: number): number {
    return this.items[(this.start + index) % this.capacity];
  }

  oldest(): number {
    return this.at(0);
  }
}
