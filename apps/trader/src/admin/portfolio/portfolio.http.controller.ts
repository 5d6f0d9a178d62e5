import { GetBalances, GetPnl, GetPositions } from '@trader/application';
import type { BalanceView, PnlRow, ValuedPosition } from '@trader/application';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PnlRequestDto } from './pnl.request.dto';
import { BalanceResponse, PnlRowResponse, ValuedPositionResponse } from './portfolio.response';

/** What we hold and what we made: positions valued at the last trade, realised PnL per period. */
@ApiTags('portfolio')
@ApiBearerAuth()
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
  balances(): Promise<BalanceView[]> {
    return this.queries.execute(new GetBalances());
  }

  @Get('pnl')
  @ApiOkResponse({ type: [PnlRowResponse] })
  pnl(@Query() query: PnlRequestDto): Promise<PnlRow[]> {
    return this.queries.execute(new GetPnl(query.period, query.from, query.to));
  }
}
