import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { RuntimeModule } from '@trader/runtime';
import { ADMIN_TOKEN } from './admin/auth/admin-token';
import { BearerTokenGuard } from './admin/auth/bearer-token.guard';
import { ProblemDetailsFilter } from './admin/errors/problem-details.filter';
import { RuntimeStatusHttpController } from './admin/runtime/runtime-status.http.controller';
import { Secret } from './config/secret';
import { TraderConfig } from './config/trader-config';
import { HealthHttpController } from './health/health.http.controller';

/** The trader's wiring. Later modules (event store, Upbit, the rest of the admin API) plug in here. */
@Module({})
export class AppModule {
  static register(config: TraderConfig, adminToken: Secret): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({
          loopGuard: { mode: config.loopGuardMode },
          taskShutdownTimeoutMs: config.shutdownTimeoutMs,
        }),
      ],
      controllers: [HealthHttpController, RuntimeStatusHttpController],
      providers: [
        { provide: ADMIN_TOKEN, useValue: adminToken },
        { provide: APP_GUARD, useClass: BearerTokenGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
