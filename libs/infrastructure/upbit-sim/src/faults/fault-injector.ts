/** What an injected REST fault does. */
export type RestFaultAction =
  /** Answer `ms` later (before: then execute; after: the request already took effect). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Never answer: the client times out. After execution this makes an unknown outcome. */
  | { readonly kind: 'timeout' }
  /** Answer with a 5xx status. */
  | { readonly kind: 'server-error'; readonly status: number }
  /** Answer 429 as if the rate limit were exceeded. */
  | { readonly kind: 'rate-limit' };

export interface RestFaultRule {
  /** HTTP method to match (any when absent). */
  readonly method?: string;
  /** Path to match, under /v1 (e.g. `/orders`); any when absent. */
  readonly path?: string;
  /** `before` the request runs, or `after` it ran (its effect stands). */
  readonly phase: 'before' | 'after';
  readonly action: RestFaultAction;
  /** How many matching requests it hits (default 1). */
  readonly times?: number;
}

/**
 * What an injected myOrder fault does to the next private-stream order frames of any account:
 * `delay` sends the frame `ms` later (frames after it overtake it), `duplicate` sends it twice,
 * `reorder` holds it back until the account's next myOrder frame has gone out (or `ms`, default
 * 1,000, passed without one).
 */
export type MyOrderFaultAction =
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'reorder'; readonly ms?: number };

export interface MyOrderFaultRule {
  readonly action: MyOrderFaultAction;
  /** How many myOrder frames it hits (default 1). */
  readonly times?: number;
}

interface ActiveMyOrderRule extends MyOrderFaultRule {
  readonly id: number;
  left: number;
}

interface ActiveRule extends RestFaultRule {
  readonly id: number;
  left: number;
}

export class FaultRuleError extends Error {
  readonly code = 'INVALID_FAULT_RULE';

  constructor(
    message: string,
    readonly value: unknown,
  ) {
    super(message);
    this.name = 'FaultRuleError';
  }
}

function validate(rule: RestFaultRule): void {
  if (rule.phase !== 'before' && rule.phase !== 'after') throw new FaultRuleError('phase must be before or after', rule.phase);
  const action = rule.action as RestFaultAction | undefined;
  switch (action?.kind) {
    case 'delay':
      if (!(Number.isFinite(action.ms) && action.ms >= 0)) throw new FaultRuleError('delay needs ms >= 0', action);
      return;
    case 'server-error':
      if (!(Number.isInteger(action.status) && action.status >= 500 && action.status <= 599)) {
        throw new FaultRuleError('server-error needs a 5xx status', action);
      }
      return;
    case 'timeout':
    case 'rate-limit':
      return;
    default:
      throw new FaultRuleError('unknown fault action', action);
  }
}

function validateMyOrder(rule: MyOrderFaultRule): void {
  const action = rule.action as MyOrderFaultAction | undefined;
  switch (action?.kind) {
    case 'delay':
      if (!(Number.isFinite(action.ms) && action.ms >= 0)) throw new FaultRuleError('delay needs ms >= 0', action);
      return;
    case 'reorder':
      if (action.ms !== undefined && !(Number.isFinite(action.ms) && action.ms >= 0)) throw new FaultRuleError('reorder ms must be >= 0', action);
      return;
    case 'duplicate':
      return;
    default:
      throw new FaultRuleError('unknown myOrder fault action', action);
  }
}

/**
 * The faults currently armed: REST rules consumed by matching requests, and a WebSocket stall
 * window. Dropping WebSocket connections is immediate and lives in the WebSocket hub.
 */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private stalledUntil = 0;
  private bannedUntil = 0;
  private myOrderRules: ActiveMyOrderRule[] = [];

  addRestFault(rule: RestFaultRule): number {
    validate(rule);
    const times = rule.times ?? 1;
    if (!(times >= 1)) throw new FaultRuleError('times must be >= 1', rule.times);
    const id = this.nextId++;
    this.rules.push({ ...rule, id, left: times });
    return id;
  }

  /** The action of the first armed rule matching this request in this phase (consumes one use). */
  takeRestFault(method: string, path: string, phase: 'before' | 'after'): RestFaultAction | undefined {
    const rule = this.rules.find(
      (r) => r.phase === phase && (r.method === undefined || r.method.toUpperCase() === method) && (r.path === undefined || r.path === path),
    );
    if (rule === undefined) return undefined;
    rule.left--;
    if (rule.left <= 0) this.rules = this.rules.filter((r) => r.id !== rule.id);
    return rule.action;
  }

  addMyOrderFault(rule: MyOrderFaultRule): number {
    validateMyOrder(rule);
    const times = rule.times ?? 1;
    if (!(times >= 1)) throw new FaultRuleError('times must be >= 1', rule.times);
    const id = this.nextId++;
    this.myOrderRules.push({ ...rule, id, left: times });
    return id;
  }

  /** The action of the oldest armed myOrder rule (consumes one use). */
  takeMyOrderFault(): MyOrderFaultAction | undefined {
    const rule = this.myOrderRules[0];
    if (rule === undefined) return undefined;
    rule.left--;
    if (rule.left <= 0) this.myOrderRules = this.myOrderRules.slice(1);
    return rule.action;
  }

  /** Every REST request and WebSocket upgrade is refused with 418 until `untilMs`, as after an Upbit block. */
  ban(untilMs: number): void {
    this.bannedUntil = Math.max(this.bannedUntil, untilMs);
  }

  /** Milliseconds of the injected ban still to run at `now` (0 when none). */
  bannedFor(now: number): number {
    return Math.max(0, this.bannedUntil - now);
  }

  stallStream(untilMs: number): void {
    this.stalledUntil = Math.max(this.stalledUntil, untilMs);
  }

  isStreamStalled(now: number): boolean {
    return now < this.stalledUntil;
  }

  clear(): void {
    this.rules = [];
    this.myOrderRules = [];
    this.stalledUntil = 0;
    this.bannedUntil = 0;
  }

  describe(): {
    rest: Array<RestFaultRule & { id: number; left: number }>;
    myOrder: Array<MyOrderFaultRule & { id: number; left: number }>;
    streamStalledUntil: number;
    bannedUntil: number;
  } {
    return {
      rest: this.rules.map((r) => ({ ...r })),
      myOrder: this.myOrderRules.map((r) => ({ ...r })),
      streamStalledUntil: this.stalledUntil,
      bannedUntil: this.bannedUntil,
    };
  }
}
