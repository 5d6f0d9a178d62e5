import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The admin API's OpenAPI document, from the routes and DTOs of `app`. The trader serves it at
 * /api/docs-json, and `npm run api-client` writes the same document for the dashboard's typed client.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('upbit-trader admin API')
      .setDescription('Operate the trader: orders, strategies, session, risk, portfolio. Every route needs the bearer token; /health without it answers only the overall status.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}
