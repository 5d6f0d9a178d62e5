import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppKernel, RUNTIME_LOGGER, RuntimeLogger, TaskManager } from '@trader/runtime';
import { AppModule } from '../app.module';
import { loadTraderConfig } from '../config/load-trader-config';
import { generateAdminToken } from '../admin/auth/generated-admin-token.bootstrap';
import { missingDashboardWarning } from '../dashboard/dashboard-build.bootstrap';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { TraderTracing } from '../tracing/trader-tracing';
import { configureHttpApp } from './configure-http-app';
import { exchangeEndpoints } from './exchange-endpoints.bootstrap';
import { httpServerComponent } from './http-server.component';
import { readSecretFile } from './read-secret-file.bootstrap';

/**
 * Starts the trader: validate the settings, build the Nest container, then let the kernel start every
 * component in order. Signals are the kernel's: the first SIGINT/SIGTERM stops everything in reverse
 * order and exits 0.
 */
export async function bootstrap(env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadTraderConfig(env, readSecretFile);
  const { token, file: tokenFile } = config.token ? { token: config.token, file: null } : generateAdminToken(config.dataDir, process.stderr);
  const exchange = await exchangeEndpoints(config);
  const tracing = config.tracing ? TraderTracing.otlp(config.tracing) : null;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, token, exchange, tracing), {
    logger: PinoNestLogger.create({ pretty: process.stdout.isTTY === true, level: config.logLevel }),
  });
  configureHttpApp(app, { token, publicDocs: config.publicDocs, dashboardDir: config.dashboardDir });
  const kernel = app.get(AppKernel);
  const logger = app.get<RuntimeLogger>(RUNTIME_LOGGER);
  const dashboardWarning = missingDashboardWarning(config.dashboardDir);
  if (dashboardWarning) logger.warn(dashboardWarning);
  if (config.tracing) logger.info(`tracing on: spans to ${config.tracing.endpoint}/v1/traces as ${config.tracing.serviceName}`);
  if (tokenFile) logger.info(`admin API token (generated for this run; set TRADER_TOKEN to choose your own) is in ${tokenFile}`);
  const simulator = exchange.simulator;
  if (simulator) {
    logger.info(`paper trading on the in-process Upbit simulator at ${simulator.restUrl}`);
    // Started before Nest (the client needs its URLs); stopped after the client, by the kernel.
    kernel.register({ name: 'simulator', start: () => undefined, stop: () => simulator.close() });
  } else {
    logger.info(`${config.mode} trading on ${exchange.restUrl}`);
  }
  kernel.register(httpServerComponent(app, config, logger));
  // Module init registers the remaining kernel components (trading); the HTTP server listens last.
  await app.init();
  kernel.installSignalHandlers();
  await kernel.start();
  // Components can degrade between requests to /health; refresh their state in the background too.
  app.get(TaskManager).every('kernel-health', 'runtime', healthRefreshMs, async () => {
    await kernel.checkHealth();
  });
}

const healthRefreshMs = 10_000;
