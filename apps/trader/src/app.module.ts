import { DynamicModule, Module } from '@nestjs/common';
import { RuntimeModule } from '@trader/runtime';
import { TraderConfig } from './config/trader-config';
import { HealthHttpController } from './health/health.http.controller';

/** The trader's wiring. Later modules (event store, Upbit, admin API) plug in here. */
@Module({})
export class AppModule {
  static register(config: TraderConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({
          loopGuard: { mode: config.loopGuardMode },
          taskShutdownTimeoutMs: config.shutdownTimeoutMs,
        }),
      ],
      controllers: [HealthHttpController],
    };
  }
}
