import { ApiProperty } from '@nestjs/swagger';

/** DELETE /api/v1/orders[/:orderId]: the orders whose cancel was requested (the cancellation saga sends them). */
export class CancelRequestedResponse {
  @ApiProperty({ type: [String], description: 'order ids' })
  cancelRequested!: string[];
}
