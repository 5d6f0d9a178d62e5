/**
 * How many REST requests of each route the simulator received (`GET /v1/accounts`, `GET /v1/ticker`,
 * `GET /v1/candles/minutes/1`, ...), counted at receipt, before the rate limit or a fault can refuse
 * them. It exists so a test can prove a client spent no request on something (the request log keeps
 * order requests only, with their details; this keeps every route, as totals).
 */
export class RequestCounts {
  private readonly counts = new Map<string, number>();

  received(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Totals per `METHOD /v1/path`, in order of first receipt. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear(): void {
    this.counts.clear();
  }
}
