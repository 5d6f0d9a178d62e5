import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { BacktestJobView } from './backtest-job-view';
import { BacktestJobs } from './backtest-jobs';
import { BacktestGql } from './backtest.graphql-types';
import { RunBacktestRequestDto } from './run-backtest.request.dto';
import { uuidParam } from '../validation/path-params';

/** Backtests in GraphQL, mirroring REST: `runBacktest(input)` queues one, `backtest(id)` polls it. */
@Resolver(() => BacktestGql)
export class BacktestsGraphqlResolver {
  constructor(private readonly jobs: BacktestJobs) {}

  @Query(() => BacktestGql)
  backtest(@Args('id', uuidParam('id')) id: string): BacktestJobView {
    return this.jobs.get(id);
  }

  @Mutation(() => BacktestGql)
  runBacktest(@Args('input') input: RunBacktestRequestDto): Promise<BacktestJobView> {
    // Validated by the global pipe with the REST body's rules (the input is the same class).
    return this.jobs.submit(input);
  }
}
