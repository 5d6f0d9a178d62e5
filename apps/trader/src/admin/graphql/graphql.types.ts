import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from './json.scalar';

/** Amounts are decimal strings, as everywhere in the API: no float ever carries money. */
@ObjectType('Order')
export class OrderGql {
  @Field() orderId!: string;
  @Field() market!: string;
  @Field() side!: string;
  @Field() orderType!: string;
  @Field() status!: string;
  @Field(() => String, { nullable: true }) price!: string | null;
  @Field(() => String, { nullable: true }) volume!: string | null;
  @Field(() => String, { nullable: true }) funds!: string | null;
  @Field() executedVolume!: string;
  @Field() executedFunds!: string;
  @Field() paidFee!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) correlationId!: string | null;
  @Field(() => Number) submittedAt!: number;
}

@ObjectType('Position')
export class PositionGql {
  @Field() market!: string;
  @Field() quantity!: string;
  @Field() averageEntryPrice!: string;
  @Field() costBasis!: string;
  @Field() realizedPnl!: string;
  @Field() fees!: string;
  @Field(() => String, { nullable: true }) markPrice!: string | null;
  @Field(() => String, { nullable: true }) unrealizedPnl!: string | null;
  @Field(() => String, { nullable: true, description: 'ticker-stream, or rest-cache for a market the trader does not watch' }) markSource!: string | null;
  @Field(() => Float, { nullable: true, description: 'epoch ms the mark is true at' }) markAsOf!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'the stream behind the mark is down' }) markStale!: boolean | null;
}

@ObjectType('PnlRow')
export class PnlRowGql {
  @Field() period!: string;
  @Field() realizedPnl!: string;
  @Field() fees!: string;
  @Field() netPnl!: string;
  @Field(() => Int) fills!: number;
}

@ObjectType('StoredEvent')
export class StoredEventGql {
  @Field(() => Int) position!: number;
  @Field() streamId!: string;
  @Field(() => Int) streamVersion!: number;
  @Field() eventId!: string;
  @Field() type!: string;
  @Field(() => JsonScalar) data!: unknown;
  @Field(() => JsonScalar) metadata!: unknown;
}

@ObjectType('PlaceOrderResult')
export class PlaceOrderResultGql {
  @Field() status!: string;
  @Field() orderId!: string;
  @Field(() => String, { nullable: true }) reasonCode?: string;
  @Field(() => String, { nullable: true }) detail?: string;
}
