/** One admin API answer; `status` 0 when the trader could not be reached (down, killed, restarting). */
export interface AdminReply {
  readonly status: number;
  readonly body: unknown;
}

/** Calls the trader's admin API with its token; never throws for an unreachable trader. */
export async function callAdmin(url: string | undefined, token: string, method: string, path: string, body?: unknown): Promise<AdminReply> {
  if (url === undefined) return { status: 0, body: null };
  try {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  } catch (error) {
    if (error instanceof SyntaxError) throw error;
    return { status: 0, body: String(error) };
  }
}
