/**
 * Nonces already seen per access key: Upbit refuses a reused nonce. An Upbit token carries no expiry
 * (no `exp` or timestamp claim, spec sheet §2), so a captured token could be replayed for as long as its
 * key is valid: every nonce is remembered for the simulator's lifetime, never evicted to make room.
 * That costs about 100 bytes per signed request, which a simulator run can afford.
 */
export class NonceRegistry {
  private readonly seen = new Map<string, Set<string>>();

  /** Records the nonce; false when it was already used with this key. */
  register(accessKey: string, nonce: string): boolean {
    let nonces = this.seen.get(accessKey);
    if (nonces === undefined) {
      nonces = new Set();
      this.seen.set(accessKey, nonces);
    }
    if (nonces.has(nonce)) return false;
    nonces.add(nonce);
    return true;
  }
}
