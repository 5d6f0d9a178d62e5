/** mulberry32: small, fast and seedable, so a seed gives the same schedule and order flow every run. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A version-4 UUID drawn from this stream: client order ids repeat with the seed. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/** One fault the soak injects: through the simulator's admin surface, or a signal to the trader. */
export type ChaosFault =
  | { readonly kind: 'lost-answer'; readonly path: '/orders' | '/order' }
  | { readonly kind: 'timeout-before'; readonly path: '/orders' | '/order' }
  | { readonly kind: 'server-error'; readonly phase: 'before' | 'after'; readonly method: 'POST' | 'DELETE' | 'GET'; readonly path: string; readonly status: number }
  | { readonly kind: 'rate-limit-burst'; readonly times: number }
  | { readonly kind: 'ban'; readonly ms: number }
  | { readonly kind: 'ws-drop' }
  | { readonly kind: 'ws-stall'; readonly ms: number }
  | { readonly kind: 'my-order-delay'; readonly ms: number; readonly times: number }
  | { readonly kind: 'my-order-duplicate'; readonly times: number }
  | { readonly kind: 'my-order-reorder'; readonly times: number }
  | { readonly kind: 'kill' };

export interface ScheduledFault {
  /** Milliseconds after the round's start. */
  readonly atMs: number;
  readonly fault: ChaosFault;
}

export interface RoundPlan {
  readonly round: number;
  readonly durationMs: number;
  readonly faults: readonly ScheduledFault[];
}

export interface ScheduleOptions {
  readonly roundMs: number;
  /** Simulator faults per round (kills come on top). */
  readonly faultsPerRound: number;
  readonly killsPerRound: number;
}

const DRAWS: ReadonlyArray<(random: SeededRandom) => ChaosFault> = [
  (r) => ({ kind: 'lost-answer', path: r.next() < 0.8 ? '/orders' : '/order' }),
  (r) => ({ kind: 'timeout-before', path: r.next() < 0.8 ? '/orders' : '/order' }),
  (r) =>
    r.pick<ChaosFault>([
      { kind: 'server-error', phase: 'after', method: 'POST', path: '/orders', status: 500 },
      { kind: 'server-error', phase: 'before', method: 'POST', path: '/orders', status: 503 },
      { kind: 'server-error', phase: 'before', method: 'GET', path: '/order', status: 502 },
      { kind: 'server-error', phase: 'after', method: 'DELETE', path: '/order', status: 500 },
      { kind: 'server-error', phase: 'before', method: 'GET', path: '/accounts', status: 504 },
    ]),
  (r) => ({ kind: 'rate-limit-burst', times: r.int(3, 8) }),
  (r) => ({ kind: 'ban', ms: r.int(2_000, 8_000) }),
  () => ({ kind: 'ws-drop' }),
  (r) => ({ kind: 'ws-stall', ms: r.int(1_000, 6_000) }),
  (r) => ({ kind: 'my-order-delay', ms: r.int(300, 4_000), times: r.int(1, 3) }),
  (r) => ({ kind: 'my-order-duplicate', times: r.int(1, 4) }),
  (r) => ({ kind: 'my-order-reorder', times: r.int(1, 4) }),
];

/**
 * The faults of one round at seeded moments. Every kind is drawn in turn before any repeats, so a
 * short run still sees each of them; kills land in the middle 80 % of the round.
 */
export function planRound(random: SeededRandom, round: number, options: ScheduleOptions): RoundPlan {
  const faults: ScheduledFault[] = [];
  for (let i = 0; i < options.faultsPerRound; i += 1) {
    const draw = DRAWS[(round * options.faultsPerRound + i) % DRAWS.length] as (random: SeededRandom) => ChaosFault;
    faults.push({ atMs: random.int(0, options.roundMs - 1), fault: draw(random) });
  }
  for (let i = 0; i < options.killsPerRound; i += 1) {
    faults.push({ atMs: random.int(Math.floor(options.roundMs * 0.1), Math.floor(options.roundMs * 0.9)), fault: { kind: 'kill' } });
  }
  faults.sort((a, b) => a.atMs - b.atMs);
  return { round, durationMs: options.roundMs, faults };
}

export function describeFault(fault: ChaosFault): string {
  switch (fault.kind) {
    case 'lost-answer':
      return `answer lost after execution (${fault.path})`;
    case 'timeout-before':
      return `timeout before execution (${fault.path})`;
    case 'server-error':
      return `${fault.status} ${fault.phase} ${fault.method} ${fault.path}`;
    case 'rate-limit-burst':
      return `429 burst x${fault.times}`;
    case 'ban':
      return `418 ban ${fault.ms} ms`;
    case 'ws-drop':
      return 'WebSocket drop';
    case 'ws-stall':
      return `WebSocket stall ${fault.ms} ms`;
    case 'my-order-delay':
      return `myOrder delay ${fault.ms} ms x${fault.times}`;
    case 'my-order-duplicate':
      return `myOrder duplicate x${fault.times}`;
    case 'my-order-reorder':
      return `myOrder reorder x${fault.times}`;
    case 'kill':
      return 'kill -9 of the trader';
  }
}
