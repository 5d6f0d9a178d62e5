import { CancelAllOrders, CancelOrder, GetOrder, GetOrders } from '@trader/application';
import type { OrderView, PlaceOrderResult } from '@trader/application';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TradingOptions } from '../../trading/trading-options';
import { TRADING_OPTIONS } from '../../trading/trading.tokens';
import { CancelAllOrdersRequestDto } from './cancel-all-orders.request.dto';
import { ListOrdersRequestDto } from './list-orders.request.dto';
import { placeOrderFromApi } from './place-order.flow';
import { PlaceOrderRequestDto } from './place-order.request.dto';

/** Orders: place (through the session and risk checks), cancel, cancel all, list and look up. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/v1/orders')
export class OrdersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(TRADING_OPTIONS) private readonly options: TradingOptions,
  ) {}

  /** 201 when the order is stored for sending; 422 with the reason when our session or risk checks deny it. */
  @Post()
  place(@Body() body: PlaceOrderRequestDto): Promise<PlaceOrderResult> {
    return placeOrderFromApi(this.commands, this.options, body);
  }

  @Get()
  list(@Query() query: ListOrdersRequestDto): Promise<OrderView[]> {
    return this.queries.execute(
      new GetOrders({
        ...(query.market ? { market: query.market } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.open !== undefined ? { openOnly: query.open } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
      }),
    );
  }

  @Get(':orderId')
  get(@Param('orderId') orderId: string): Promise<OrderView> {
    return this.queries.execute(new GetOrder(orderId));
  }

  @Delete(':orderId')
  @HttpCode(HttpStatus.ACCEPTED)
  async cancel(@Param('orderId', new ParseUUIDPipe()) orderId: string): Promise<{ cancelRequested: string[] }> {
    await this.commands.execute(new CancelOrder(orderId, { correlationId: orderId }));
    return { cancelRequested: [orderId] };
  }

  @Delete()
  @HttpCode(HttpStatus.ACCEPTED)
  async cancelAll(@Query() query: CancelAllOrdersRequestDto): Promise<{ cancelRequested: string[] }> {
    return { cancelRequested: await this.commands.execute<CancelAllOrders, string[]>(new CancelAllOrders(query.market)) };
  }
}
