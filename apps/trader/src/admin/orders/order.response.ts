import type { OrderView } from '@trader/application';
import { ApiProperty } from '@nestjs/swagger';

/** An order as the read model shows it. Amounts are decimal strings, times epoch ms. */
export class OrderResponse implements OrderView {
  @ApiProperty({ format: 'uuid', description: 'our client order id (Upbit identifier)' })
  orderId!: string;

  @ApiProperty({ example: 'KRW-BTC' })
  market!: string;

  @ApiProperty({ enum: ['buy', 'sell'] })
  side!: string;

  @ApiProperty({ enum: ['limit', 'market', 'best'] })
  orderType!: string;

  @ApiProperty({ enum: ['gtc', 'ioc', 'fok', 'post_only'] })
  timeInForce!: string;

  @ApiProperty({ enum: ['submitted', 'unknown', 'accepted', 'partially_filled', 'pending_cancel', 'filled', 'cancelled', 'rejected'] })
  status!: string;

  @ApiProperty({ type: String, nullable: true, description: 'limit price; null for market orders', example: '100000000' })
  price!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'base volume ordered; null for a market buy', example: '0.001' })
  volume!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'quote amount a market buy spends; null otherwise', example: '50000' })
  funds!: string | null;

  @ApiProperty({ type: String, example: '0.0005' })
  executedVolume!: string;

  @ApiProperty({ type: String, example: '50000' })
  executedFunds!: string;

  @ApiProperty({ type: String, example: '25' })
  paidFee!: string;

  @ApiProperty({ type: String, nullable: true, description: "Upbit's uuid once the exchange accepted the order" })
  exchangeOrderId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'why the exchange rejected it, or why its outcome was unknown' })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'the chain it belongs to (GET /api/v1/events?correlationId=…)' })
  correlationId!: string | null;

  @ApiProperty({ description: 'epoch ms' })
  submittedAt!: number;

  @ApiProperty({ description: 'epoch ms of the last change' })
  updatedAt!: number;
}
