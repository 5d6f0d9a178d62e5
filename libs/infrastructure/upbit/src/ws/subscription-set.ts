/** One consumer's wish, in Upbit's terms. */
export interface StreamWish {
  readonly consumerId: number;
  /** `ticker`, `trade`, `orderbook`, `candle.1m`, `myOrder`, `myAsset`. */
  readonly type: string;
  /** Upper-case market codes; empty for `myAsset`, or for `myOrder` on every market. */
  readonly codes: readonly string[];
  readonly onlySnapshot: boolean;
  readonly onlyRealtime: boolean;
  /** Order book levels wanted (1, 5, 15, 30). */
  readonly depth?: number;
  /** Order book price grouping (`level`). */
  readonly level?: string;
}

/** One type object of an Upbit subscription request. */
export interface TypeRequest {
  readonly type: string;
  readonly codes?: string[];
  readonly level?: string;
  readonly is_only_snapshot?: boolean;
  readonly is_only_realtime?: boolean;
}

const FULL_DEPTH = 30;
const TYPES_WITHOUT_CODES = new Set(['myAsset']);

/**
 * All current subscriptions of one connection. Upbit replaces the whole subscription of a connection
 * with each request, so the request sent is always the merge of every consumer's wish: one type object
 * per (type, level) with the union of codes, the deepest order book asked for per code, and the
 * snapshot/realtime-only flags set only when every consumer of that type asked for them (each
 * consumer then filters what it did not ask for, see `accepts`).
 */
export class SubscriptionSet {
  private readonly wishes = new Map<number, StreamWish>();

  add(wish: StreamWish): void {
    this.wishes.set(wish.consumerId, wish);
  }

  remove(consumerId: number): boolean {
    return this.wishes.delete(consumerId);
  }

  get size(): number {
    return this.wishes.size;
  }

  consumers(): StreamWish[] {
    return [...this.wishes.values()];
  }

  /** The type objects of the merged request, in a stable order. */
  merged(): TypeRequest[] {
    const groups = new Map<string, StreamWish[]>();
    for (const wish of this.wishes.values()) {
      const key = `${wish.type}|${wish.level ?? ''}`;
      const group = groups.get(key);
      if (group) group.push(wish);
      else groups.set(key, [wish]);
    }
    const requests: TypeRequest[] = [];
    for (const key of [...groups.keys()].sort()) {
      const group = groups.get(key) as StreamWish[];
      const first = group[0];
      const request: { -readonly [K in keyof TypeRequest]: TypeRequest[K] } = { type: first.type };
      const codes = mergeCodes(group);
      if (codes !== undefined) request.codes = codes;
      if (first.level !== undefined) request.level = first.level;
      if (group.every((w) => w.onlySnapshot)) request.is_only_snapshot = true;
      if (group.every((w) => w.onlyRealtime)) request.is_only_realtime = true;
      requests.push(request);
    }
    return requests;
  }

  /** The full request frame: ticket first, format last (Upbit's documented layout). */
  request(ticket: string): string {
    return JSON.stringify([{ ticket }, ...this.merged(), { format: 'SIMPLE' }]);
  }
}

function mergeCodes(group: readonly StreamWish[]): string[] | undefined {
  const type = group[0].type;
  if (TYPES_WITHOUT_CODES.has(type)) return undefined;
  // myOrder without codes means every market: one such consumer widens the merged request.
  if (type === 'myOrder' && group.some((w) => w.codes.length === 0)) return undefined;
  const depthByCode = new Map<string, number>();
  for (const wish of group) {
    for (const code of wish.codes) depthByCode.set(code, Math.max(depthByCode.get(code) ?? 0, wish.depth ?? FULL_DEPTH));
  }
  return [...depthByCode.keys()].sort().map((code) => {
    const depth = depthByCode.get(code) as number;
    return type === 'orderbook' && depth < FULL_DEPTH ? `${code}.${depth}` : code;
  });
}

/** Whether a message of `streamType` is one this consumer asked for. */
export function accepts(wish: StreamWish, streamType: 'SNAPSHOT' | 'REALTIME' | undefined): boolean {
  if (streamType === 'SNAPSHOT') return !wish.onlyRealtime;
  if (streamType === 'REALTIME') return !wish.onlySnapshot;
  return true;
}
