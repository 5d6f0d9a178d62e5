import { GetCandles, GetMarkets, GetTickers } from '@trader/application';
import type { CandleChart, MarketInfo, TickerView } from '@trader/application';
import { TIMEFRAMES } from '@trader/domain';
import type { Timeframe } from '@trader/domain';
import { BadRequestException, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { TradingOptions } from '../../trading/trading-options';
import { TRADING_OPTIONS } from '../../trading/trading.tokens';
import { MARKET_CODE } from '../validation/decimal-string';
import { TickersRequestDto } from './tickers.request.dto';

/**
 * Market data: listed markets (from the exchange), and tickers and candles with indicators (chart data)
 * from what the trader keeps of its streams, each saying its source, `asOf` and whether it is `stale`.
 */
@ApiTags('markets')
@ApiBearerAuth()
@Controller('api/v1')
export class MarketsHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(TRADING_OPTIONS) private readonly options: TradingOptions,
  ) {}

  @Get('markets')
  markets(): Promise<MarketInfo[]> {
    return this.queries.execute(new GetMarkets());
  }

  @Get('tickers')
  tickers(@Query() query: TickersRequestDto): Promise<TickerView[]> {
    return this.queries.execute(new GetTickers(query.markets ? query.markets.split(',') : this.options.markets));
  }

  @Get('markets/:market/candles')
  @ApiQuery({ name: 'timeframe', required: false, enum: TIMEFRAMES })
  @ApiQuery({ name: 'count', required: false })
  candles(@Param('market') market: string, @Query('timeframe') timeframe = '1m', @Query('count') count = '100'): Promise<CandleChart> {
    if (!MARKET_CODE.test(market)) throw new BadRequestException({ message: ['market must be a market code such as KRW-BTC'], errors: [{ field: 'market', message: 'not a market code' }] });
    if (!(TIMEFRAMES as readonly string[]).includes(timeframe)) {
      throw new BadRequestException({ message: [`timeframe must be one of ${TIMEFRAMES.join(', ')}`], errors: [{ field: 'timeframe', message: 'unknown timeframe' }] });
    }
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 165) throw new BadRequestException({ message: ['count must be a whole number from 1 to 165'], errors: [{ field: 'count', message: 'out of range' }] });
    return this.queries.execute(new GetCandles(market, timeframe as Timeframe, n));
  }
}
