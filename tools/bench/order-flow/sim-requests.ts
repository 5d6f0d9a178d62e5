/** One entry of the simulator's order request log (GET /admin/requests; docs/simulator.md). */
export interface SimRequest {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly identifier?: string;
  readonly uuid?: string;
  /** Simulator time of receipt: the system clock, the same as this process's `Date.now()`. */
  readonly receivedAt: number;
  readonly status: number | null;
  readonly answered: boolean;
}

/** Order POSTs and cancel DELETEs the simulator received, oldest first. */
export async function simRequests(adminUrl: string): Promise<SimRequest[]> {
  const response = await fetch(`${adminUrl}/requests`);
  if (!response.ok) throw new Error(`GET /admin/requests answered ${response.status}`);
  const body = (await response.json()) as { dropped: number; requests: SimRequest[] };
  if (body.dropped > 0) throw new Error(`the simulator's request log dropped ${body.dropped} entries: raise requestLogCapacity`);
  return body.requests;
}

export async function clearSimRequests(adminUrl: string): Promise<void> {
  const response = await fetch(`${adminUrl}/requests`, { method: 'DELETE' });
  if (!response.ok) throw new Error(`DELETE /admin/requests answered ${response.status}`);
}

/** First receipt of an order POST per identifier. */
export function postsByIdentifier(requests: readonly SimRequest[]): Map<string, SimRequest> {
  const posts = new Map<string, SimRequest>();
  for (const r of requests) if (r.method === 'POST' && r.path === '/v1/orders' && r.identifier && !posts.has(r.identifier)) posts.set(r.identifier, r);
  return posts;
}

/** First receipt of a cancel DELETE per order uuid (or identifier, when the cancel named that). */
export function cancelsByReference(requests: readonly SimRequest[]): Map<string, SimRequest> {
  const cancels = new Map<string, SimRequest>();
  for (const r of requests) {
    const key = r.method === 'DELETE' && r.path === '/v1/order' ? (r.uuid ?? r.identifier) : undefined;
    if (key && !cancels.has(key)) cancels.set(key, r);
  }
  return cancels;
}

/** Answers of 429 (over the limit) and 418 (blocked) among the logged requests. */
export function rateLimitAnswers(requests: readonly SimRequest[]): { tooMany: number; blocked: number } {
  return { tooMany: requests.filter((r) => r.status === 429).length, blocked: requests.filter((r) => r.status === 418).length };
}
