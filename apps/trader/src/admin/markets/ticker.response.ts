import type { TickerSource, TickerView } from '@trader/application';
import type { Dec } from '@trader/domain';
import { ApiProperty } from '@nestjs/swagger';

/** A view as JSON carries it: decimals are strings. */
type Wire<T> = { -readonly [K in keyof T]: T[K] extends Dec ? string : T[K] };

const decimal = (example: string, description?: string) => ApiProperty({ type: String, example, description });

/** The latest ticker of a market as the trader knows it (GET /api/v1/tickers). */
export class TickerResponse implements Wire<TickerView> {
  @ApiProperty({ example: 'KRW-BTC' })
  market!: string;

  @decimal('95000000')
  openingPrice!: string;

  @decimal('96500000')
  highPrice!: string;

  @decimal('94200000')
  lowPrice!: string;

  @decimal('96000000', 'the last trade price')
  tradePrice!: string;

  @decimal('95000000')
  prevClosingPrice!: string;

  @ApiProperty({ enum: ['RISE', 'EVEN', 'FALL'], description: 'against the previous close' })
  change!: 'RISE' | 'EVEN' | 'FALL';

  @decimal('1000000')
  changePrice!: string;

  @decimal('0.0105263158')
  changeRate!: string;

  @decimal('1000000')
  signedChangePrice!: string;

  @decimal('0.0105263158')
  signedChangeRate!: string;

  @decimal('0.0012')
  tradeVolume!: string;

  @decimal('123456789012.5')
  accTradePrice!: string;

  @decimal('234567890123.5')
  accTradePrice24h!: string;

  @decimal('1300.12')
  accTradeVolume!: string;

  @decimal('2450.5')
  accTradeVolume24h!: string;

  @ApiProperty({ description: 'epoch ms of the last trade', example: 1764460800000 })
  tradeTimestamp!: number;

  @ApiProperty({ description: "epoch ms of the exchange's ticker", example: 1764460800000 })
  timestamp!: number;

  @ApiProperty({ enum: ['ticker-stream', 'rest-cache'], description: 'the ticker stream of a watched market, or a short-lived REST cache' })
  source!: TickerSource;

  @ApiProperty({ description: 'epoch ms the figures are true at', example: 1764460800000 })
  asOf!: number;

  @ApiProperty({ description: 'the ticker stream is down: the figures may be out of date' })
  stale!: boolean;
}
