import { ApiProperty } from '@nestjs/swagger';

/** POST /api/v1/orders, 201: the order is stored for sending (a denial answers 422 instead). */
export class PlaceOrderResponse {
  @ApiProperty({ enum: ['submitted'] })
  status!: 'submitted';

  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ description: 'log position of its OrderSubmitted event' })
  position!: number;
}
