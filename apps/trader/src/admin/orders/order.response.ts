import type { OrderView } from '@trader/application';
import { ORDER_TYPES, SIDES, TIME_IN_FORCE } from '@trader/domain';
import type { OrderStatus } from '@trader/domain';
import { ApiProperty } from '@nestjs/swagger';
import { enumValues } from '../openapi/enum-values';

/** Every status an order of the read model can have (`new` never reaches it). */
export const ORDER_VIEW_STATUSES = enumValues<Exclude<OrderStatus, 'new'>>({
  submitted: true,
  unknown: true,
  accepted: true,
  partially_filled: true,
  pending_cancel: true,
  filled: true,
  cancelled: true,
  rejected: true,
});

/** An order as the read model shows it. Amounts are decimal strings, times epoch ms. */
export class OrderResponse implements OrderView {
  @ApiProperty({ format: 'uuid', description: 'our client order id (Upbit identifier)' })
  orderId!: string;

  @ApiProperty({ example: 'KRW-BTC' })
  market!: string;

  @ApiProperty({ enum: SIDES, enumName: 'OrderSide' })
  side!: string;

  @ApiProperty({ enum: ORDER_TYPES, enumName: 'OrderType' })
  orderType!: string;

  @ApiProperty({ enum: TIME_IN_FORCE, enumName: 'TimeInForce' })
  timeInForce!: string;

  @ApiProperty({ enum: ORDER_VIEW_STATUSES, enumName: 'OrderStatus' })
  status!: string;

  @ApiProperty({ type: String, nullable: true, description: 'limit price (decimal string); null for market orders', example: '100000000' })
  price!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'base volume ordered (decimal string); null for a market buy', example: '0.001' })
  volume!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'quote amount a market buy spends (decimal string); null otherwise', example: '50000' })
  funds!: string | null;

  @ApiProperty({ type: String, description: 'base volume filled so far (decimal string)', example: '0.0005' })
  executedVolume!: string;

  @ApiProperty({ type: String, description: 'quote amount filled so far (decimal string)', example: '50000' })
  executedFunds!: string;

  @ApiProperty({ type: String, description: 'fees paid so far (decimal string)', example: '25' })
  paidFee!: string;

  @ApiProperty({ type: String, nullable: true, description: "Upbit's uuid once the exchange accepted the order" })
  exchangeOrderId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'why the exchange rejected it, or why its outcome was unknown' })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'the chain it belongs to (GET /api/v1/events?correlationId=…)' })
  correlationId!: string | null;

  @ApiProperty({ description: 'epoch ms', example: 1796051782154 })
  submittedAt!: number;

  @ApiProperty({ description: 'epoch ms of the last change', example: 1796051782162 })
  updatedAt!: number;
}
