import { CancelAllOrders, CancelOrder, GetOrder, GetOrders } from '@trader/application';
import type { OrderView, PlaceOrderResult } from '@trader/application';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { TradingOptions } from '../../trading/trading-options';
import { TRADING_OPTIONS } from '../../trading/trading.tokens';
import { CancelAllOrdersRequestDto } from './cancel-all-orders.request.dto';
import { CancelRequestedResponse } from './cancel-requested.response';
import { ListOrdersRequestDto } from './list-orders.request.dto';
import { OrderResponse } from './order.response';
import { placeOrderFromApi } from './place-order.flow';
import { PlaceOrderRequestDto } from './place-order.request.dto';
import { PlaceOrderResponse } from './place-order.response';
import { uuidParam } from '../validation/path-params';

/** Orders: place (through the session and risk checks), cancel, cancel all, list and look up. */
@ApiTags('orders')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1/orders')
export class OrdersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(TRADING_OPTIONS) private readonly options: TradingOptions,
  ) {}

  /** 201 when the order is stored for sending; 422 with the reason when our session or risk checks deny it. */
  @Post()
  @ApiCreatedResponse({ type: PlaceOrderResponse, description: 'stored for sending; sent again with the same clientOrderId, the answer is the order stored the first time' })
  @ApiProblemResponses(400, 422)
  place(@Body() body: PlaceOrderRequestDto): Promise<PlaceOrderResult> {
    return placeOrderFromApi(this.commands, this.options, body);
  }

  @Get()
  @ApiOkResponse({ type: [OrderResponse], description: 'newest first' })
  @ApiProblemResponses(400)
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
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblemResponse(404, 'no order with this id')
  get(@Param('orderId') orderId: string): Promise<OrderView> {
    return this.queries.execute(new GetOrder(orderId));
  }

  @Delete(':orderId')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: CancelRequestedResponse, description: 'the cancel is requested; the order becomes pending_cancel, then cancelled' })
  @ApiProblemResponse(400, 'the order id is not a uuid')
  @ApiProblemResponse(404, 'no order with this id (`not_found`)')
  @ApiProblemResponse(409, 'the order cannot be cancelled: not accepted yet, or closed already (`illegal_order_transition`)')
  async cancel(@Param('orderId', uuidParam('orderId')) orderId: string): Promise<CancelRequestedResponse> {
    await this.commands.execute(new CancelOrder(orderId, { correlationId: orderId }));
    return { cancelRequested: [orderId] };
  }

  @Delete()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: CancelRequestedResponse, description: 'every working order (of the market, when given) whose cancel is now requested' })
  @ApiProblemResponses(400)
  async cancelAll(@Query() query: CancelAllOrdersRequestDto): Promise<CancelRequestedResponse> {
    return { cancelRequested: await this.commands.execute<CancelAllOrders, string[]>(new CancelAllOrders(query.market)) };
  }
}
