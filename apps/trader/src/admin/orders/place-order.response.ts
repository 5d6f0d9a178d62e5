import type { PlaceOrderResult } from '@trader/application';
import { ApiProperty } from '@nestjs/swagger';

/** A denied order is a 422, so the only body of a 201 is the stored one. */
type SubmittedOrder = Extract<PlaceOrderResult, { status: 'submitted' }>;

/** POST /api/v1/orders: the order is stored (OrderSubmitted) for the execution saga to send. */
export class PlaceOrderResponse implements SubmittedOrder {
  @ApiProperty({ enum: ['submitted'] })
  status!: 'submitted';

  @ApiProperty({ format: 'uuid', description: 'our client order id (Upbit identifier): the clientOrderId sent, or a generated one' })
  orderId!: string;

  @ApiProperty({ description: 'position of OrderSubmitted in the event log', example: 8 })
  position!: number;
}
