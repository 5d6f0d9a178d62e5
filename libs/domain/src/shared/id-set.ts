const CHUNK = 256;

/**
 * An immutable set of ids (trade ids, for de-duplication) that adds in O(chunk) instead of copying the
 * whole set: full chunks are frozen and shared between versions, only the last one is copied. Aggregate
 * state stays immutable without an O(n²) cost over the tens of thousands of fills a position may see.
 */
export class IdSet {
  private constructor(
    private readonly sealed: readonly ReadonlySet<string>[],
    private readonly open: ReadonlySet<string>,
  ) {}

  static empty(): IdSet {
    return new IdSet([], new Set());
  }

  get size(): number {
    return this.sealed.length * CHUNK + this.open.size;
  }

  has(id: string): boolean {
    return this.open.has(id) || this.sealed.some((chunk) => chunk.has(id));
  }

  with(id: string): IdSet {
    if (this.has(id)) return this;
    const open = new Set(this.open).add(id);
    return open.size === CHUNK ? new IdSet([...this.sealed, open], new Set()) : new IdSet(this.sealed, open);
  }
}
