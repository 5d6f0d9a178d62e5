import { NestFactory } from '@nestjs/core';
import { AppKernel, RUNTIME_LOGGER, RuntimeLogger, TaskManager } from '@trader/runtime';
import { AppModule } from '../app.module';
import { loadTraderConfig } from '../config/load-trader-config';
import { httpServerComponent } from './http-server.component';

/**
 * Starts the trader: validate the settings, build the Nest container, then let the kernel start every
 * component in order. Signals are the kernel's: the first SIGINT/SIGTERM stops everything in reverse
 * order and exits 0.
 */
export async function bootstrap(env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadTraderConfig(env);
  const app = await NestFactory.create(AppModule.register(config), { logger: ['log', 'warn', 'error'] });
  const kernel = app.get(AppKernel);
  const logger = app.get<RuntimeLogger>(RUNTIME_LOGGER);
  kernel.register(httpServerComponent(app, config, logger));
  kernel.installSignalHandlers();
  await kernel.start();
  // Components can degrade between requests to /health; refresh their state in the background too.
  app.get(TaskManager).every('kernel-health', 'runtime', healthRefreshMs, async () => {
    await kernel.checkHealth();
  });
}

const healthRefreshMs = 10_000;
