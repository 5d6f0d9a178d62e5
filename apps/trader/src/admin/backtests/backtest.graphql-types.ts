import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar';

@ObjectType('BacktestProgress')
export class BacktestProgressGql {
  @Field(() => Int) processed!: number;
  @Field(() => String, { nullable: true }) at!: string | null;
  @Field(() => Float) percent!: number;
}

/** Mirrors GET /api/v1/backtests/:id; `summary` is the same JSON object (ratios may be null, a profit factor "inf"). */
@ObjectType('Backtest')
export class BacktestGql {
  @Field() id!: string;
  @Field() status!: string;
  @Field() strategyId!: string;
  @Field(() => [String]) markets!: string[];
  @Field() from!: string;
  @Field() to!: string;
  @Field() submittedAt!: string;
  @Field(() => BacktestProgressGql) progress!: BacktestProgressGql;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => JsonScalar, { nullable: true }) summary!: unknown;
}
