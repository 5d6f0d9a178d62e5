import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { loadTraderConfig } from '../config/load-trader-config';
import { Secret } from '../config/secret';
import { ExchangeEndpoints } from './exchange-endpoints.bootstrap';
import { createOpenApiDocument } from './openapi-document';

/** Exchange URLs that are never dialled: without them paper mode would start the in-process simulator. */
const unusedExchange: ExchangeEndpoints = {
  restUrl: 'http://127.0.0.1:9',
  wsUrl: 'ws://127.0.0.1:9',
  privateWsUrl: 'ws://127.0.0.1:9/private',
  accessKey: null,
  secretKey: null,
  simulator: null,
};

/**
 * The OpenAPI document the trader serves at /api/docs-json, without running a trader (for
 * `npm run api-client`): the same AppModule with every controller, instantiated on a throwaway database
 * in a temp dir. Nothing starts (no kernel, no listener, no exchange connection); the document needs
 * only the controllers and their metadata.
 */
export async function traderOpenApiDocument(): Promise<OpenAPIObject> {
  const dir = mkdtempSync(join(tmpdir(), 'trader-openapi-'));
  try {
    const config = loadTraderConfig({ TRADER_DB: join(dir, 'trader.db'), UPBIT_REST_URL: unusedExchange.restUrl, UPBIT_WS_URL: unusedExchange.wsUrl });
    const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, new Secret('openapi-document-token'), unusedExchange), { logger: false });
    try {
      return createOpenApiDocument(app);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
