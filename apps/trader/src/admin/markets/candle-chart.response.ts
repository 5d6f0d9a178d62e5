import type { CandleChart, CandleWithIndicators, ChartSource } from '@trader/application';
import { TIMEFRAMES } from '@trader/domain';
import type { BollingerValue, MacdValue, Timeframe } from '@trader/domain';
import { ApiProperty } from '@nestjs/swagger';

export class MacdResponse implements MacdValue {
  @ApiProperty({ example: 12000.5 })
  line!: number;

  @ApiProperty({ example: 9000.25 })
  signal!: number;

  @ApiProperty({ example: 3000.25 })
  histogram!: number;
}

export class BollingerResponse implements BollingerValue {
  @ApiProperty({ example: 96400000 })
  upper!: number;

  @ApiProperty({ example: 96000000 })
  middle!: number;

  @ApiProperty({ example: 95600000 })
  lower!: number;
}

/** One candle with the server's default indicators (null until enough candles are seen). */
export class CandleResponse implements CandleWithIndicators {
  @ApiProperty({ description: 'the start of the candle, `YYYY-MM-DDTHH:mm:ss` in UTC', example: '2026-11-30T15:00:00' })
  time!: string;

  @ApiProperty({ type: String, example: '96000000' })
  open!: string;

  @ApiProperty({ type: String, example: '96100000' })
  high!: string;

  @ApiProperty({ type: String, example: '95900000' })
  low!: string;

  @ApiProperty({ type: String, example: '96050000' })
  close!: string;

  @ApiProperty({ type: String, example: '1.25' })
  volume!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'SMA(20) of the closes' })
  sma20!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'EMA(20) of the closes' })
  ema20!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'RSI(14), 0 to 100' })
  rsi14!: number | null;

  @ApiProperty({ type: MacdResponse, nullable: true, description: 'MACD(12, 26, 9)' })
  macd!: MacdResponse | null;

  @ApiProperty({ type: BollingerResponse, nullable: true, description: 'Bollinger bands (20, 2)' })
  bollinger!: BollingerResponse | null;
}

/** A chart: its candles oldest first (the newest may be forming) and how fresh they are (GET /api/v1/markets/:market/candles). */
export class CandleChartResponse implements CandleChart {
  @ApiProperty({ example: 'KRW-BTC' })
  market!: string;

  @ApiProperty({ enum: TIMEFRAMES, example: '1m' })
  timeframe!: Timeframe;

  @ApiProperty({
    enum: ['trade-stream', 'rest-cache', 'rest-history'],
    description: 'kept by the trade stream (a watched market), a short-lived REST cache (any other market), or a REST page of older history (`to` given)',
  })
  source!: ChartSource;

  @ApiProperty({ description: 'epoch ms the chart is true at (its last trade, or the REST read)', example: 1764460800000 })
  asOf!: number;

  @ApiProperty({ description: 'the trade stream is down: the chart may be missing trades' })
  stale!: boolean;

  @ApiProperty({ type: [CandleResponse] })
  candles!: CandleResponse[];
}
