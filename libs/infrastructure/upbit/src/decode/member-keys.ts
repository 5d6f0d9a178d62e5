/**
 * The member names a decoder reads from one kind of object, each with a slot; `lists` names members
 * that hold a list of objects, whose elements are read as members too (order book levels).
 */
export class MemberKeys {
  private readonly slots = new Map<string, number>();
  private readonly elements: Array<MemberKeys | undefined>;

  constructor(keys: readonly string[], lists: Readonly<Record<string, MemberKeys>> = {}) {
    keys.forEach((key, slot) => this.slots.set(key, slot));
    this.elements = keys.map((key) => (Object.hasOwn(lists, key) ? lists[key] : undefined));
  }

  get size(): number {
    return this.slots.size;
  }

  slotOf(key: string): number {
    return this.slots.get(key) ?? -1;
  }

  /** How the elements of the list in `slot` are read, if it is one of the `lists`. */
  elementsOf(slot: number): MemberKeys | undefined {
    return this.elements[slot];
  }
}
