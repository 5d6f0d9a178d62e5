import { errorMessage } from '@trader/runtime';
import type { KernelComponent, RuntimeLogger } from '@trader/runtime';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricsListenerNotStartedError } from './metrics.errors';
import { prometheusContentType } from './metrics.http.controller';
import { TraderMetrics } from './trader-metrics';

/** Only the loopback interface: the listener has no token, so nothing off this host may reach it. */
export const metricsListenerHost = '127.0.0.1';

/**
 * `TRADER_METRICS_PORT`: /metrics on a listener of its own, bound to 127.0.0.1 and without the token, for
 * a Prometheus (or an agent) on the same host. That is acceptable because a loopback socket is
 * reachable only from this machine, where the operator's processes can read the trader's data folder
 * (and its token file) anyway; to scrape from elsewhere, use the main port with the token.
 * Anything but GET /metrics answers 404.
 */
export class MetricsListener implements KernelComponent {
  readonly name = 'metrics-http';
  readonly dependsOn = ['event-store'];
  private server: Server | undefined;

  constructor(
    private readonly metrics: TraderMetrics,
    private readonly port: number,
    private readonly logger: RuntimeLogger,
  ) {}

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: the metrics listener serves GET /metrics only\n');
        return;
      }
      this.metrics.scrape().then(
        (body) => response.writeHead(200, { 'content-type': prometheusContentType, 'cache-control': 'no-store' }).end(body),
        (error: unknown) => {
          this.logger.error(`metrics scrape failed: ${errorMessage(error)}`);
          response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics scrape failed\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, metricsListenerHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.info(`metrics on http://${metricsListenerHost}:${this.address().port}/metrics (loopback only, no token)`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  /** Where it listens (the port chosen when configured as 0); only while started. */
  address(): AddressInfo {
    const address = this.server?.address();
    if (!address || typeof address === 'string') throw new MetricsListenerNotStartedError(this.port);
    return address;
  }
}
