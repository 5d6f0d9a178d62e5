export type LoopGuardMode = 'strict' | 'report';

export interface LoopGuardOptions {
  /** A block longer than this is a violation. */
  thresholdMs: number;
  /** strict throws where there is a caller to throw to (tests); report only records (production). */
  mode: LoopGuardMode;
  /** How often the probe timer checks for lateness; also bounds how late a block is noticed. */
  probeIntervalMs: number;
  /** Histogram resolution of `monitorEventLoopDelay`. */
  resolutionMs: number;
  /** How many violations are kept for inspection (the count keeps growing). */
  keepViolations: number;
}

export const defaultLoopGuardOptions: LoopGuardOptions = {
  thresholdMs: 100,
  mode: 'report',
  probeIntervalMs: 50,
  resolutionMs: 10,
  keepViolations: 100,
};

export type ViolationKind = 'blocked' | 'foreign-thread' | 'unclaimed-resource';

export interface LoopViolation {
  kind: ViolationKind;
  /** Epoch ms when it was noticed. */
  at: number;
  /** The code that blocked, or 'unknown' when the probe noticed a block outside any measured section. */
  where: string;
  owner: string;
  blockedMs?: number;
  resource?: string;
}

export interface LoopDelaySnapshot {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** How many delay samples the histogram holds. */
  samples: number;
  violations: number;
  mode: LoopGuardMode;
  thresholdMs: number;
  lastViolation?: LoopViolation;
}
