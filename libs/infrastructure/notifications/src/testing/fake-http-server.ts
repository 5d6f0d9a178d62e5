import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly at: number;
}

/**
 * What the fake does with the next requests, before its normal rules: `hang` keeps the connection
 * open without answering (a dead service), `status` answers with that status once per entry.
 */
export type FaultPlan = { readonly kind: 'hang' } | { readonly kind: 'status'; readonly status: number; readonly times: number };

/** A real HTTP server on 127.0.0.1 for a test; `handle` decides the answer to each request. */
export class FakeHttpServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();
  fault: FaultPlan | null = null;

  constructor(private readonly handle: (request: ReceivedRequest, response: ServerResponse) => void) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        this.requests.push(request);
        const fault = this.fault;
        if (fault?.kind === 'hang') {
          this.hanging.add(res);
          res.on('close', () => this.hanging.delete(res));
          return;
        }
        if (fault?.kind === 'status') {
          this.fault = fault.times > 1 ? { ...fault, times: fault.times - 1 } : null;
          res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: fault.status, description: 'injected failure' }));
          return;
        }
        this.handle(request, res);
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
