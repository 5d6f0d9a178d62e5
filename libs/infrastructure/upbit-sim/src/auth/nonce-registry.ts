/**
 * Nonces already seen per access key: Upbit refuses a reused nonce. The oldest entries are forgotten
 * beyond `capacity` per key so a long run does not grow without bound.
 */
export class NonceRegistry {
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly capacity: number) {}

  /** Records the nonce; false when it was already used with this key. */
  register(accessKey: string, nonce: string): boolean {
    let nonces = this.seen.get(accessKey);
    if (nonces === undefined) {
      nonces = new Set();
      this.seen.set(accessKey, nonces);
    }
    if (nonces.has(nonce)) return false;
    nonces.add(nonce);
    if (nonces.size > this.capacity) nonces.delete(nonces.values().next().value as string);
    return true;
  }
}
