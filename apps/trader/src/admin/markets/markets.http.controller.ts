import { GetCandles, GetMarkets, GetTickers } from '@trader/application';
import type { CandleChart, MarketInfo, TickerView } from '@trader/application';
import { TIMEFRAMES } from '@trader/domain';
import type { Timeframe } from '@trader/domain';
import { BadRequestException, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { TradingOptions } from '../../trading/trading-options';
import { TRADING_OPTIONS } from '../../trading/trading.tokens';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { MARKET_CODE } from '../validation/decimal-string';
import { CandleChartResponse } from './candle-chart.response';
import { MarketResponse } from './market.response';
import { TickerResponse } from './ticker.response';
import { TickersRequestDto } from './tickers.request.dto';

/** `to` of the candles route: a candle's `time` (`YYYY-MM-DDTHH:mm:ss`, UTC), as the route returns it. */
const CANDLE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/**
 * Market data: listed markets (from the exchange), and tickers and candles with indicators (chart data)
 * from what the trader keeps of its streams, each saying its source, `asOf` and whether it is `stale`.
 */
@ApiTags('markets')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1')
export class MarketsHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(TRADING_OPTIONS) private readonly options: TradingOptions,
  ) {}

  @Get('markets')
  @ApiOkResponse({ type: [MarketResponse] })
  markets(): Promise<MarketInfo[]> {
    return this.queries.execute(new GetMarkets());
  }

  @Get('tickers')
  @ApiOkResponse({ type: [TickerResponse] })
  @ApiProblemResponses(400)
  tickers(@Query() query: TickersRequestDto): Promise<TickerView[]> {
    return this.queries.execute(new GetTickers(query.markets ? query.markets.split(',') : this.options.markets));
  }

  @Get('markets/:market/candles')
  @ApiQuery({ name: 'timeframe', required: false, enum: TIMEFRAMES })
  @ApiQuery({ name: 'count', required: false, description: 'how many candles, 1 to 165 (default 100)' })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'only candles that started before this time (`YYYY-MM-DDTHH:mm:ss`, UTC: the oldest `time` of the previous page), read from the exchange: pages back through history',
    example: '2026-11-30T15:00:00',
  })
  @ApiOkResponse({ type: CandleChartResponse })
  @ApiProblemResponses(400)
  candles(@Param('market') market: string, @Query('timeframe') timeframe = '1m', @Query('count') count = '100', @Query('to') to?: string): Promise<CandleChart> {
    if (!MARKET_CODE.test(market)) throw new BadRequestException({ message: ['market must be a market code such as KRW-BTC'], errors: [{ field: 'market', message: 'not a market code' }] });
    if (!(TIMEFRAMES as readonly string[]).includes(timeframe)) {
      throw new BadRequestException({ message: [`timeframe must be one of ${TIMEFRAMES.join(', ')}`], errors: [{ field: 'timeframe', message: 'unknown timeframe' }] });
    }
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 165) throw new BadRequestException({ message: ['count must be a whole number from 1 to 165'], errors: [{ field: 'count', message: 'out of range' }] });
    const before = to === undefined ? undefined : Date.parse(`${to}Z`);
    if (before !== undefined && (!CANDLE_TIME.test(to ?? '') || Number.isNaN(before))) {
      throw new BadRequestException({ message: ['to must be a UTC time such as 2026-11-30T15:00:00'], errors: [{ field: 'to', message: 'not a UTC time YYYY-MM-DDTHH:mm:ss' }] });
    }
    return this.queries.execute(new GetCandles(market, timeframe as Timeframe, n, before));
  }
}
