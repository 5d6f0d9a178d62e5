import { ApiProperty } from '@nestjs/swagger';

/** DELETE /api/v1/orders[/:orderId], 202: the orders whose cancel is now requested. */
export class CancelRequestedResponse {
  @ApiProperty({ type: [String] })
  cancelRequested!: string[];
}
