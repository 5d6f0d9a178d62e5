import type { INestApplication } from '@nestjs/common';
import type { KernelComponent, RuntimeLogger } from '@trader/runtime';
import { TraderConfig } from '../config/trader-config';

/**
 * The HTTP server as a kernel component. It starts last, once everything it serves is running, and
 * so it stops first: no request arrives while the parts behind it are shutting down.
 */
export function httpServerComponent(app: INestApplication, config: TraderConfig, logger: RuntimeLogger): KernelComponent {
  return {
    name: 'http',
    dependsOn: ['tasks', 'trading', 'live-state', 'standby-events'],
    start: async () => {
      await app.listen(config.port, config.host);
      logger.info(`listening on ${await app.getUrl()}`);
    },
    stop: () => app.close(),
  };
}
