import { TraderConfig } from '../config/trader-config';
import { CliUsageError } from './cli-output';

/** The running trader's admin API, for CLI commands that change its state (they go through its buses). */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static fromConfig(config: TraderConfig, env: NodeJS.ProcessEnv): AdminClient {
    if (!config.token) throw new CliUsageError('set TRADER_TOKEN to the running trader\'s admin token');
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return new AdminClient(env['TRADER_URL'] ?? `http://${host}:${config.port}`, config.token.reveal());
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  /** The raw response of a streaming route (server-sent events). */
  stream(path: string, signal: AbortSignal): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` }, signal });
  }
}
