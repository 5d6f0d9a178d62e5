import { DefineStrategy, DisableStrategy, EnableStrategy, GetStrategies, GetStrategy, ReviseStrategy } from '@trader/application';
import type { StrategySummary } from '@trader/application';
import type { StrategyDefinition } from '@trader/domain';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TRADING_OPTIONS } from '../../trading/trading.tokens';
import type { TradingOptions } from '../../trading/trading-options';
import { ProblemDetailsResponse } from '../errors/problem-details.response';
import { strategyDefinitionSchema, StrategySummaryResponse } from './strategies.response';
import { refuseEnablingUntradedStrategy, refuseUntradedStrategyMarkets } from './strategy-markets.check';

/**
 * Strategies as data. Definitions are validated by the domain (every issue named with its path, a 400,
 * nothing stored), so the body is passed through as it came, once its markets are known to be traded.
 */
@ApiTags('strategies')
@ApiBearerAuth()
@Controller('api/v1/strategies')
export class StrategiesHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(TRADING_OPTIONS) private readonly options: TradingOptions,
  ) {}

  @Get()
  @ApiOkResponse({ type: [StrategySummaryResponse] })
  list(): Promise<StrategySummary[]> {
    return this.queries.execute(new GetStrategies());
  }

  @Get(':strategyId')
  @ApiOkResponse({ schema: strategyDefinitionSchema })
  @ApiNotFoundResponse({ type: ProblemDetailsResponse })
  get(@Param('strategyId') strategyId: string): Promise<StrategyDefinition> {
    return this.queries.execute(new GetStrategy(strategyId));
  }

  @Post()
  @ApiBody({ description: 'a strategy definition, as `strategy export` writes it', schema: strategyDefinitionSchema })
  @ApiCreatedResponse({ schema: strategyDefinitionSchema })
  @ApiBadRequestResponse({ type: ProblemDetailsResponse, description: 'an invalid definition, or a market not in TRADER_MARKETS: `errors` names each problem by its path' })
  @ApiConflictResponse({ type: ProblemDetailsResponse, description: 'a strategy with this id exists' })
  async define(@Body() definition: unknown): Promise<StrategyDefinition> {
    refuseUntradedStrategyMarkets(definition, this.options.markets);
    return this.commands.execute(new DefineStrategy(definition));
  }

  @Put(':strategyId')
  @ApiBody({ description: 'the next version of the definition (same id, higher version)', schema: strategyDefinitionSchema })
  @ApiOkResponse({ schema: strategyDefinitionSchema })
  @ApiBadRequestResponse({ type: ProblemDetailsResponse, description: 'an invalid definition, a market not in TRADER_MARKETS, or a version that does not rise' })
  @ApiNotFoundResponse({ type: ProblemDetailsResponse })
  async revise(@Param('strategyId') strategyId: string, @Body() definition: unknown): Promise<StrategyDefinition> {
    refuseUntradedStrategyMarkets(definition, this.options.markets);
    return this.commands.execute(new ReviseStrategy(strategyId, definition));
  }

  @Post(':strategyId/enable')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'strategy enabled' })
  @ApiNotFoundResponse({ type: ProblemDetailsResponse })
  @ApiConflictResponse({ type: ProblemDetailsResponse, description: 'already enabled, or it names a market not in TRADER_MARKETS' })
  async enable(@Param('strategyId') strategyId: string): Promise<void> {
    await refuseEnablingUntradedStrategy(this.queries, strategyId, this.options.markets);
    await this.commands.execute(new EnableStrategy(strategyId));
  }

  @Post(':strategyId/disable')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'strategy disabled' })
  @ApiNotFoundResponse({ type: ProblemDetailsResponse })
  @ApiConflictResponse({ type: ProblemDetailsResponse, description: 'already disabled' })
  async disable(@Param('strategyId') strategyId: string): Promise<void> {
    await this.commands.execute(new DisableStrategy(strategyId));
  }
}
