import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { docsAccessMiddleware } from '../admin/auth/docs-access.middleware';
import { adminValidationPipe } from '../admin/validation/validation.pipe';
import { Secret } from '../config/secret';
import { dashboardStaticMiddleware } from '../dashboard/dashboard-static.middleware';
import { createOpenApiDocument } from './openapi-document';

/** Request bodies above this are refused with 413 before any parsing work. */
export const maxBodyBytes = 64 * 1024;

export interface HttpAppOptions {
  readonly token: Secret;
  /** Serve the OpenAPI document without the token (TRADER_PUBLIC_DOCS=1). */
  readonly publicDocs: boolean;
  /** The dashboard's built files, served at / (TRADER_DASHBOARD_DIR). */
  readonly dashboardDir: string;
}

/**
 * What every HTTP surface of the trader shares: bodies are JSON only and small, every DTO is validated,
 * the OpenAPI document is served at /api/docs, behind the admin token unless the docs are public, and
 * the dashboard's files at every other path (Express middleware, so ahead of the routes Nest adds at init).
 */
export function configureHttpApp(app: NestExpressApplication, options: HttpAppOptions): void {
  app.useBodyParser('json', { limit: maxBodyBytes });
  app.useGlobalPipes(adminValidationPipe());
  if (!options.publicDocs) app.use(docsAccessMiddleware(options.token));
  app.use(dashboardStaticMiddleware(options.dashboardDir));
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document);
}
