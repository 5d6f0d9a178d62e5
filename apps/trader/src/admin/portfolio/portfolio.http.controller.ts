import { GetBalances, GetPnl, GetPositions } from '@trader/application';
import type { BalanceView, PnlRow, ValuedPosition } from '@trader/application';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { refuseBadPnlRange } from './pnl-range.check';
import { PnlRequestDto } from './pnl.request.dto';
import { BalanceResponse, PnlRowResponse, ValuedPositionResponse } from './portfolio.response';

/** What we hold and what we made: positions valued at the last trade, realised PnL per period. */
@ApiTags('portfolio')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1')
export class PortfolioHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('positions')
  @ApiOkResponse({ type: [ValuedPositionResponse] })
  positions(): Promise<ValuedPosition[]> {
    return this.queries.execute(new GetPositions());
  }

  @Get('balances')
  @ApiOkResponse({ type: [BalanceResponse] })
  @ApiProblemResponse(503, 'the first /v1/accounts read has not succeeded yet (`LIVE_STATE_UNAVAILABLE`): an empty account would be a wrong answer')
  balances(): Promise<BalanceView[]> {
    return this.queries.execute(new GetBalances());
  }

  @Get('pnl')
  @ApiOkResponse({ type: [PnlRowResponse], description: 'one row per period with fills, in order' })
  @ApiProblemResponses(400)
  pnl(@Query() query: PnlRequestDto): Promise<PnlRow[]> {
    refuseBadPnlRange(query.from, query.to);
    return this.queries.execute(new GetPnl(query.period, query.from, query.to));
  }
}
