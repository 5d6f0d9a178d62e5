import type { Clock } from '@trader/domain';
import { IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { RuntimeLogger } from '../logging/runtime-logger';
import { LoopBlockedError, ResourceOwnershipError } from './loop-guard.errors';
import { defaultLoopGuardOptions, LoopDelaySnapshot, LoopGuardOptions, LoopViolation } from './loop-guard.types';

const NS_PER_MS = 1e6;

/**
 * Watches the one event loop everything shares. It measures loop delay percentiles, records a
 * violation whenever something holds the loop longer than the threshold (naming the code when it ran
 * inside `measure`), and checks that loop-bound resources (sockets, pools, the database handle) are
 * used only by the thread that created them. Strict mode throws; report mode records and logs.
 */
export class LoopGuard {
  readonly options: LoopGuardOptions;
  private histogram?: IntervalHistogram;
  private probe?: NodeJS.Timeout;
  private lastProbeAt = 0;
  private lastMeasuredBlockAt = -Infinity;
  private readonly recent: LoopViolation[] = [];
  private violationCount = 0;
  private readonly owners = new Map<string, { threadId: number; owner: string }>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: RuntimeLogger,
    options: Partial<LoopGuardOptions> = {},
    private readonly currentThreadId: () => number = () => threadId,
  ) {
    this.options = { ...defaultLoopGuardOptions, ...options };
  }

  /** Starts the delay histogram and the lateness probe. The probe timer is unref'd: it never keeps the process alive. */
  start(): void {
    if (this.histogram) return;
    this.histogram = monitorEventLoopDelay({ resolution: this.options.resolutionMs });
    this.histogram.enable();
    this.lastProbeAt = performance.now();
    this.probe = setInterval(() => this.checkLateness(), this.options.probeIntervalMs);
    this.probe.unref();
  }

  stop(): void {
    if (this.probe) clearInterval(this.probe);
    this.histogram?.disable();
    this.probe = undefined;
    this.histogram = undefined;
  }

  /**
   * Runs a synchronous section and records a violation naming `where`/`owner` if it held the loop
   * longer than the threshold. In strict mode it then throws `LoopBlockedError`.
   */
  measure<T>(where: string, owner: string, section: () => T): T {
    const startedAt = performance.now();
    const result = section();
    const blockedMs = performance.now() - startedAt;
    if (blockedMs > this.options.thresholdMs) {
      this.lastMeasuredBlockAt = performance.now();
      this.record({ kind: 'blocked', at: this.clock.now(), where, owner, blockedMs });
      if (this.options.mode === 'strict') throw new LoopBlockedError(where, owner, blockedMs, this.options.thresholdMs);
    }
    return result;
  }

  /** Declares that the current thread owns a loop-bound resource. */
  claim(resource: string, owner: string): void {
    this.owners.set(resource, { threadId: this.currentThreadId(), owner });
  }

  /** Checks that `resource` is used on the thread that claimed it. */
  assertOwner(resource: string, where: string): void {
    const claimed = this.owners.get(resource);
    const current = this.currentThreadId();
    if (!claimed) {
      this.violate(
        { kind: 'unclaimed-resource', at: this.clock.now(), where, owner: 'unknown', resource },
        `${where} used resource "${resource}", which no component has claimed`,
      );
      return;
    }
    if (claimed.threadId !== current) {
      this.violate(
        { kind: 'foreign-thread', at: this.clock.now(), where, owner: claimed.owner, resource },
        `${where} used resource "${resource}" from thread ${current}; it belongs to ${claimed.owner} on thread ${claimed.threadId}`,
      );
    }
  }

  violations(): LoopViolation[] {
    return this.recent.map((v) => ({ ...v }));
  }

  snapshot(): LoopDelaySnapshot {
    const h = this.histogram;
    // The histogram samples whole timer intervals; the delay is what exceeds the sampling resolution.
    const toMs = (ns: number): number =>
      Number.isFinite(ns) ? Math.max(0, Math.round((ns / NS_PER_MS - this.options.resolutionMs) * 100) / 100) : 0;
    const last = this.recent.at(-1);
    return {
      p50Ms: h ? toMs(h.percentile(50)) : 0,
      p99Ms: h ? toMs(h.percentile(99)) : 0,
      maxMs: h ? toMs(h.max) : 0,
      meanMs: h ? toMs(h.mean) : 0,
      samples: h ? h.count : 0,
      violations: this.violationCount,
      mode: this.options.mode,
      thresholdMs: this.options.thresholdMs,
      ...(last ? { lastViolation: { ...last } } : {}),
    };
  }

  /** The probe fires every `probeIntervalMs`; arriving much later means something held the loop. */
  private checkLateness(): void {
    const now = performance.now();
    const lateMs = now - this.lastProbeAt - this.options.probeIntervalMs;
    const alreadyReported = this.lastMeasuredBlockAt >= this.lastProbeAt;
    this.lastProbeAt = now;
    if (lateMs > this.options.thresholdMs && !alreadyReported) {
      this.record({ kind: 'blocked', at: this.clock.now(), where: 'unknown', owner: 'unknown', blockedMs: lateMs });
    }
  }

  private violate(violation: LoopViolation, message: string): void {
    this.record(violation);
    if (this.options.mode === 'strict') throw new ResourceOwnershipError(violation.resource ?? '', violation.where, message);
  }

  private record(violation: LoopViolation): void {
    this.violationCount += 1;
    this.recent.push(violation);
    if (this.recent.length > this.options.keepViolations) this.recent.shift();
    const blocked = violation.blockedMs !== undefined ? ` for ${violation.blockedMs.toFixed(1)} ms` : '';
    this.logger.warn(`event loop violation (${violation.kind}) at ${violation.where}${blocked}`, { ...violation });
  }
}
