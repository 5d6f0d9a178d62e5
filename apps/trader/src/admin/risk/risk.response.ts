import type { RiskStateView } from '@trader/application';
import type { RiskLimits } from '@trader/domain';
import { ApiProperty } from '@nestjs/swagger';

export class OrderRateResponse {
  @ApiProperty({ example: 8 })
  maxOrders!: number;

  @ApiProperty({ example: 1000 })
  perMs!: number;
}

/** The risk policy's limits (amounts as decimal strings, in KRW). */
export class RiskLimitsResponse implements RiskLimits {
  @ApiProperty({ enum: ['KRW'] })
  quoteCurrency!: 'KRW';

  @ApiProperty({ type: String, example: '1000000' })
  maxNotionalPerOrder!: string;

  @ApiProperty({ type: String, example: '5000000' })
  maxPositionPerMarket!: string;

  @ApiProperty({ example: 10 })
  maxOpenOrders!: number;

  @ApiProperty({ type: OrderRateResponse })
  orderRate!: OrderRateResponse;

  @ApiProperty({ type: String, example: '500000' })
  maxDailyLoss!: string;

  @ApiProperty({ type: String, example: '20' })
  maxDrawdownPercent!: string;
}

/** The risk policy: its limits (null until configured), exposure, daily PnL, halts and kill switch. */
export class RiskStateResponse implements RiskStateView {
  @ApiProperty({ type: RiskLimitsResponse, nullable: true })
  limits!: RiskLimitsResponse | null;

  @ApiProperty({ type: [String], description: 'ids of approved orders still open' })
  openOrders!: string[];

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 'KRW-BTC': '950000' }, description: 'cost basis held per market' })
  exposure!: Record<string, string>;

  @ApiProperty({ type: String, nullable: true, example: '2026-11-30' })
  tradingDay!: string | null;

  @ApiProperty({ type: String, example: '-12000' })
  dailyRealizedPnl!: string;

  @ApiProperty({ type: String, nullable: true, example: '10000000' })
  equityPeak!: string | null;

  @ApiProperty({ type: String, nullable: true })
  haltReason!: string | null;

  @ApiProperty()
  killSwitchEngaged!: boolean;
}
