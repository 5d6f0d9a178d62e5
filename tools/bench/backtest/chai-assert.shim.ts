/**
 * grademark 0.3.0's build calls `require('chai').assert` for five invariants but does not declare chai
 * as a dependency, so it is not installed. This stands in for it: the same contract (throw when the
 * condition is false) without chai's per-call Assertion object, so if anything grademark runs a little
 * faster here than with chai, never slower.
 */
export function assert(condition: unknown, message?: string): void {
  if (!condition) throw new Error(message ?? 'assertion failed');
}
