import type { RiskStateView } from '@trader/application';
import type { EntryLock, LockScope, ProtectionName, Protections, RiskLimits } from '@trader/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { enumValues } from '../openapi/enum-values';
import { CooldownDto, LowProfitMarketsDto, MaxDrawdownDto, StoplossGuardDto } from './protections.request.dto';

export class OrderRateResponse {
  @ApiProperty({ example: 8 })
  maxOrders!: number;

  @ApiProperty({ example: 1000 })
  perMs!: number;
}

export class RiskLimitsResponse implements RiskLimits {
  @ApiProperty({ enum: ['KRW'] })
  quoteCurrency!: 'KRW';

  @ApiProperty({ type: String, description: 'largest amount one entry or add may spend (decimal string)', example: '1000000' })
  maxNotionalPerOrder!: string;

  @ApiProperty({ type: String, description: 'largest cost basis held in one market (decimal string)', example: '5000000' })
  maxPositionPerMarket!: string;

  @ApiProperty({ example: 10 })
  maxOpenOrders!: number;

  @ApiProperty({ type: OrderRateResponse })
  orderRate!: OrderRateResponse;

  @ApiProperty({ type: String, description: 'realised loss in one day that halts trading (decimal string)', example: '500000' })
  maxDailyLoss!: string;

  @ApiProperty({ type: String, description: 'fall of equity from its peak, in percent, that halts trading (decimal string)', example: '20' })
  maxDrawdownPercent!: string;
}

/** The protections configured; one absent is off. */
export class ProtectionsResponse implements Protections {
  @ApiPropertyOptional({ type: CooldownDto })
  cooldown?: CooldownDto;

  @ApiPropertyOptional({ type: StoplossGuardDto })
  stoplossGuard?: StoplossGuardDto;

  @ApiPropertyOptional({ type: MaxDrawdownDto })
  maxDrawdown?: MaxDrawdownDto;

  @ApiPropertyOptional({ type: LowProfitMarketsDto })
  lowProfitMarkets?: LowProfitMarketsDto;
}

/** Entries locked by a protection, on one market or on all, until `until`. */
export class EntryLockResponse implements EntryLock {
  @ApiProperty({ enum: enumValues<LockScope>({ market: true, global: true }), enumName: 'LockScope' })
  scope!: LockScope;

  @ApiPropertyOptional({ description: 'the market locked; absent for a global lock', example: 'KRW-BTC' })
  market?: string;

  @ApiProperty({
    enum: enumValues<ProtectionName>({ cooldown: true, stoploss_guard: true, max_drawdown: true, low_profit_markets: true }),
    enumName: 'ProtectionName',
  })
  protection!: ProtectionName;

  @ApiProperty({ example: 'a trade on KRW-BTC closed; cooldown of 300000 ms' })
  reason!: string;

  @ApiProperty({ description: 'entries are allowed again from this time on (epoch ms)', example: 1795000000000 })
  until!: number;
}

/** GET /api/v1/risk: the limits, exposure, daily PnL, halts, kill switch, protections and their locks. */
export class RiskStateResponse implements RiskStateView {
  @ApiProperty({ type: RiskLimitsResponse, nullable: true, description: 'null until limits are configured (every order is denied until then)' })
  limits!: RiskLimitsResponse | null;

  @ApiProperty({ type: [String], description: 'ids of the approved orders not closed yet' })
  openOrders!: string[];

  @ApiProperty({ description: 'cost basis held per market (decimal strings)', type: 'object', additionalProperties: { type: 'string' }, example: { 'KRW-BTC': '100000' } })
  exposure!: Record<string, string>;

  @ApiProperty({ type: String, nullable: true, description: 'the latest trading day with realised PnL (UTC date)', example: '2026-11-23' })
  tradingDay!: string | null;

  @ApiProperty({ type: String, description: "that day's realised PnL, net of fees (decimal string)", example: '-1500' })
  dailyRealizedPnl!: string;

  @ApiProperty({ type: String, nullable: true, description: 'highest equity seen (decimal string)', example: null })
  equityPeak!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'max_daily_loss, max_drawdown or kill_switch while halted; null otherwise', example: null })
  haltReason!: string | null;

  @ApiProperty()
  killSwitchEngaged!: boolean;

  @ApiProperty({ type: ProtectionsResponse })
  protections!: ProtectionsResponse;

  @ApiProperty({ type: [EntryLockResponse], description: 'entry locks in force now, the one ending first first' })
  locks!: EntryLockResponse[];
}
