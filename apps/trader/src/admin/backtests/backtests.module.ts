import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BacktestJobs } from './backtest-jobs';
import type { BacktestsOptions } from './backtests-options';
import { BacktestsHttpController } from './backtests.http.controller';
import { BacktestsGraphqlResolver } from './backtests.graphql-resolver';
import { BACKTESTS_OPTIONS } from './backtests.tokens';

/** Backtests on the admin API (REST and GraphQL), run in a worker-thread pool owned by this module. */
@Module({})
export class BacktestsModule {
  static forRoot(options: BacktestsOptions): DynamicModule {
    return {
      module: BacktestsModule,
      imports: [CqrsModule],
      controllers: [BacktestsHttpController],
      providers: [{ provide: BACKTESTS_OPTIONS, useValue: options }, BacktestJobs, BacktestsGraphqlResolver],
    };
  }
}
