import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { adminValidationPipe } from '../admin/validation/validation.pipe';

/** Request bodies above this are refused with 413 before any parsing work. */
export const maxBodyBytes = 64 * 1024;

/**
 * What every HTTP surface of the trader shares: bodies are JSON only and small, every DTO is validated,
 * and the OpenAPI document is served at /api/docs (it describes routes, it holds no data).
 */
export function configureHttpApp(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: maxBodyBytes });
  app.useGlobalPipes(adminValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('upbit-trader admin API')
      .setDescription('Operate the trader: orders, strategies, session, risk, portfolio. Every route but /health needs the bearer token.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
}
