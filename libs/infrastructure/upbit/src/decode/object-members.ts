import type { MemberKeys } from './member-keys';

/** The members of one object by name, as JSON.parse would have set them (the last of duplicates). */
export class ObjectMembers {
  constructor(
    private readonly keys: MemberKeys,
    private readonly slots: readonly unknown[],
  ) {}

  /** The member `key`; undefined when absent or when `key` is not one of the keys read. */
  get(key: string): unknown {
    const slot = this.keys.slotOf(key);
    return slot >= 0 ? this.slots[slot] : undefined;
  }

  /** The member in `slot` (from `MemberKeys.slotOf`), for lists of many objects read alike. */
  at(slot: number): unknown {
    return this.slots[slot];
  }
}
