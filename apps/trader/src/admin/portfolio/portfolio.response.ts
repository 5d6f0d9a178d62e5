import type { BalanceSource, BalanceView, PnlRow, TickerSource, ValuedPosition } from '@trader/application';
import { ApiProperty } from '@nestjs/swagger';
import { enumValues } from '../openapi/enum-values';

/** One market's position from the read model, valued at the last trade price the trader keeps. */
export class ValuedPositionResponse implements ValuedPosition {
  @ApiProperty({ example: 'KRW-BTC' })
  market!: string;

  @ApiProperty({ type: String, example: '0.01' })
  quantity!: string;

  @ApiProperty({ type: String, example: '95000000' })
  averageEntryPrice!: string;

  @ApiProperty({ type: String, example: '950000', description: 'what the held quantity cost, in the quote currency' })
  costBasis!: string;

  @ApiProperty({ type: String, example: '12000', description: 'realised PnL of this market so far, gross of fees' })
  realizedPnl!: string;

  @ApiProperty({ type: String, example: '475' })
  fees!: string;

  @ApiProperty({ description: 'epoch ms of the last change' })
  updatedAt!: number;

  @ApiProperty({ type: String, nullable: true, example: '96000000', description: 'last trade price; null when the exchange could not tell' })
  markPrice!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '10000', description: 'mark x quantity - cost basis; null without a mark' })
  unrealizedPnl!: string | null;

  @ApiProperty({ type: String, enum: enumValues<TickerSource>({ 'ticker-stream': true, 'rest-cache': true }), enumName: 'TickerSource', nullable: true })
  markSource!: TickerSource | null;

  @ApiProperty({ type: Number, nullable: true, description: 'epoch ms the mark is true at' })
  markAsOf!: number | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'the stream behind the mark is down' })
  markStale!: boolean | null;
}

/** One currency of the account as the exchange pushes it. */
export class BalanceResponse implements BalanceView {
  @ApiProperty({ example: 'KRW' })
  currency!: string;

  @ApiProperty({ type: String, example: '1000000' })
  balance!: string;

  @ApiProperty({ type: String, example: '0' })
  locked!: string;

  @ApiProperty({ type: String, example: '0', description: 'from the last /v1/accounts read' })
  avgBuyPrice!: string;

  @ApiProperty({ description: 'epoch ms the row was last known to be true' })
  asOf!: number;

  @ApiProperty({ enum: enumValues<BalanceSource>({ myAsset: true, accounts: true }), enumName: 'BalanceSource' })
  source!: BalanceSource;

  @ApiProperty({ description: 'the myAsset stream is down: the row may be out of date' })
  stale!: boolean;
}

/** Realised PnL of one day, ISO week or month. */
export class PnlRowResponse implements PnlRow {
  @ApiProperty({ example: '2026-11-23', description: '`2026-11-23`, `2026-W48` or `2026-11`' })
  period!: string;

  @ApiProperty({ type: String, example: '15000' })
  realizedPnl!: string;

  @ApiProperty({ type: String, example: '950' })
  fees!: string;

  @ApiProperty({ type: String, example: '14050', description: 'realised PnL net of fees' })
  netPnl!: string;

  @ApiProperty({ example: 4 })
  fills!: number;
}
