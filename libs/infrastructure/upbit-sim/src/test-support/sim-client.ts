import { WebSocket } from 'ws';
import { RunningSimulator } from '../simulator';
import { eventually } from './eventually';
import { upbitToken } from './upbit-token';

export interface HttpReply {
  readonly status: number;
  readonly body: unknown;
  readonly remainingReq: string | null;
}

async function reply(response: Response): Promise<HttpReply> {
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), remainingReq: response.headers.get('remaining-req') };
}

/** A plain HTTP client speaking Upbit's protocol to the simulator (fetch + hand-made JWTs). */
export class SimHttpClient {
  constructor(
    private readonly sim: RunningSimulator,
    private readonly keys = sim.accounts[0],
  ) {}

  async public(pathAndQuery: string): Promise<HttpReply> {
    return reply(await fetch(`${this.sim.restUrl}${pathAndQuery}`));
  }

  /** GET/DELETE with the query string hashed as sent. */
  async private(method: 'GET' | 'DELETE', path: string, query = '', alg: 'HS256' | 'HS512' = 'HS512'): Promise<HttpReply> {
    const token = upbitToken({ ...this.keys, query: query === '' ? undefined : query, alg });
    const url = `${this.sim.restUrl}${path}${query === '' ? '' : `?${query}`}`;
    return reply(await fetch(url, { method, headers: { Authorization: `Bearer ${token}` } }));
  }

  /** POST with a JSON body; the hash covers the body params as `k=v&...`. */
  async post(path: string, body: Record<string, string>, alg: 'HS256' | 'HS512' = 'HS512'): Promise<HttpReply> {
    const query = Object.entries(body)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const token = upbitToken({ ...this.keys, query, alg });
    return reply(
      await fetch(`${this.sim.restUrl}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
      }),
    );
  }

  async raw(path: string, init: RequestInit): Promise<HttpReply> {
    return reply(await fetch(`${this.sim.restUrl}${path}`, init));
  }
}

export type WsFrame = Record<string, unknown> | Array<Record<string, unknown>>;

/** A `ws` client that records every decoded frame and whether it arrived as binary. */
export class SimWsClient {
  readonly frames: WsFrame[] = [];
  readonly binary: boolean[] = [];
  closeCode: number | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as WsFrame);
      this.binary.push(isBinary);
    });
    socket.on('close', (code: number) => (this.closeCode = code));
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<SimWsClient> {
    const socket = new WebSocket(url, { headers });
    const client = new SimWsClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  static async openPrivate(sim: RunningSimulator): Promise<SimWsClient> {
    return SimWsClient.open(sim.privateWsUrl, { Authorization: `Bearer ${upbitToken(sim.accounts[0])}` });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Waits for the first frame (after `from`) that satisfies `match`. */
  async next(match: (frame: Record<string, unknown>) => boolean, from = 0, what = 'frame'): Promise<Record<string, unknown>> {
    return eventually(() => this.frames.slice(from).map((f) => (Array.isArray(f) ? f[0] : f)).find(match), 3000, what);
  }

  async waitClosed(): Promise<number> {
    return eventually(() => this.closeCode, 3000, 'close');
  }

  close(): void {
    this.socket.terminate();
  }
}
