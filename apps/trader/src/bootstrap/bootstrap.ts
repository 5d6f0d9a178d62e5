import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Clock } from '@trader/domain';
import { AppKernel, CLOCK, RUNTIME_LOGGER, RuntimeLogger, TaskManager } from '@trader/runtime';
import type { InstanceRole } from '@trader/runtime';
import { AppModule } from '../app.module';
import { loadTraderConfig } from '../config/load-trader-config';
import { generateAdminToken } from '../admin/auth/generated-admin-token.bootstrap';
import { missingDashboardWarning } from '../dashboard/dashboard-build.bootstrap';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { AccountLeaseComponent, defaultAccountLeaseSettings } from '../standby/account-lease.component';
import { openAccountLease } from '../standby/account-lease.bootstrap';
import { TraderTracing } from '../tracing/trader-tracing';
import { configureHttpApp } from './configure-http-app';
import { exchangeEndpoints } from './exchange-endpoints.bootstrap';
import { httpServerComponent } from './http-server.component';
import { readSecretFile } from './read-secret-file.bootstrap';
import { takeStoreFileLease } from './store-file-lease.bootstrap';

/**
 * Starts the trader: validate the settings, build the Nest container, then let the kernel start every
 * component in order. Signals are the kernel's: the first SIGINT/SIGTERM stops everything in reverse
 * order and exits 0. With a SQLite store, a second trader on the same file refuses to start
 * (`StoreFileInUseError`, exit 1) before it writes anything. With PostgreSQL, an instance that finds
 * its account's lease held by another starts as a standby (reads only) and takes over when it can
 * take the lease.
 */
export async function bootstrap(env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadTraderConfig(env, readSecretFile);
  // First, before anything is written (the generated token's file included): one trader per SQLite file.
  const fileLease = takeStoreFileLease(config.databasePath, 'start');
  const { token, file: tokenFile } = config.token ? { token: config.token, file: null } : generateAdminToken(config.dataDir, process.stderr);
  const exchange = await exchangeEndpoints(config);
  const tracing = config.tracing ? TraderTracing.otlp(config.tracing) : null;
  // At most one active trader per account: whoever holds the lease trades, another instance waits as a standby.
  const lease = openAccountLease(config);
  const role: InstanceRole = lease === null || lease.tryAcquire() ? 'active' : 'standby';
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, token, exchange, tracing, lease, fileLease !== null), {
    logger: PinoNestLogger.create({ pretty: process.stdout.isTTY === true, level: config.logLevel }),
  });
  configureHttpApp(app, { token, publicDocs: config.publicDocs, dashboardDir: config.dashboardDir });
  const kernel = app.get(AppKernel);
  const logger = app.get<RuntimeLogger>(RUNTIME_LOGGER);
  if (fileLease) {
    // Held from before the app was built; given up when the event store, which depends on it, has stopped.
    kernel.register({ name: 'store-lease', start: () => undefined, stop: () => fileLease.release() });
  }
  const dashboardWarning = missingDashboardWarning(config.dashboardDir);
  if (dashboardWarning) logger.warn(dashboardWarning);
  if (config.tracing) logger.info(`tracing on: spans to ${config.tracing.endpoint}/v1/traces as ${config.tracing.serviceName}`);
  if (tokenFile) logger.info(`admin API token (generated for this run; set TRADER_TOKEN to choose your own) is in ${tokenFile}`);
  const simulator = exchange.simulator;
  if (simulator) {
    logger.info(`paper trading on the in-process Upbit simulator at ${simulator.restUrl}`);
    // Started before Nest (the client needs its URLs); stopped after the client, by the kernel.
    kernel.register({ name: 'simulator', start: () => undefined, stop: () => simulator.close() });
    if (lease) {
      logger.warn('the in-process simulator is this process\'s own exchange: another instance of this account trades on a different one; give every instance the same UPBIT_REST_URL (a shared simulator) to run a standby');
    }
  } else {
    logger.info(`${config.mode} trading on ${exchange.restUrl}`);
  }
  kernel.register(httpServerComponent(app, config, logger));
  if (lease) {
    kernel.register(new AccountLeaseComponent(lease, kernel, app.get(TaskManager), app.get<Clock>(CLOCK), logger, { ...defaultAccountLeaseSettings, pollMs: config.standbyPollMs }));
  }
  // Module init registers the remaining kernel components (trading); the HTTP server listens last.
  await app.init();
  kernel.installSignalHandlers();
  if (role === 'standby') {
    logger.info(
      `standby: another instance holds the lease of account ${config.account}; serving reads, refusing writes, taking over when it stops (polling every ${config.standbyPollMs} ms)`,
    );
  }
  await kernel.start({ role });
  // A signal or a lost lease during start-up stopped it again: nothing more to set up.
  if (kernel.status().state !== 'running') return;
  // Components can degrade between requests to /health; refresh their state in the background too.
  app.get(TaskManager).every('kernel-health', 'runtime', healthRefreshMs, async () => {
    await kernel.checkHealth();
  });
}

const healthRefreshMs = 10_000;
