import { ConfigureProtections, ConfigureRiskLimits, GetRiskState } from '@trader/application';
import type { RiskStateView } from '@trader/application';
import type { Protections } from '@trader/domain';
import { Body, Controller, Get, HttpCode, HttpStatus, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { ProtectionsRequestDto } from './protections.request.dto';
import { RiskLimitsRequestDto } from './risk-limits.request.dto';
import { RiskStateResponse } from './risk.response';

/** The validated body as plain data, the shape the domain stores in its event. */
function plainProtections(body: ProtectionsRequestDto): Protections {
  return {
    ...(body.cooldown ? { cooldown: { ...body.cooldown } } : {}),
    ...(body.stoplossGuard ? { stoplossGuard: { ...body.stoplossGuard } } : {}),
    ...(body.maxDrawdown ? { maxDrawdown: { ...body.maxDrawdown } } : {}),
    ...(body.lowProfitMarkets ? { lowProfitMarkets: { ...body.lowProfitMarkets } } : {}),
  };
}

/** The risk policy: its limits, exposure, daily PnL, halts, kill switch, protections and their locks. */
@ApiTags('risk')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1/risk')
export class RiskHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({ type: RiskStateResponse })
  get(): Promise<RiskStateView> {
    return this.queries.execute(new GetRiskState());
  }

  @Put('limits')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiProblemResponses(400)
  async configure(@Body() body: RiskLimitsRequestDto): Promise<void> {
    await this.commands.execute(new ConfigureRiskLimits({ ...body, orderRate: { ...body.orderRate } }));
  }

  /** Replaces every protection at once; a refused setting (400, naming the field) records nothing. */
  @Put('protections')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiProblemResponses(400)
  async configureProtections(@Body() body: ProtectionsRequestDto): Promise<void> {
    await this.commands.execute(new ConfigureProtections(plainProtections(body)));
  }
}
