import { ConfigureRiskLimits, GetRiskState } from '@trader/application';
import type { RiskStateView } from '@trader/application';
import { Body, Controller, Get, HttpCode, HttpStatus, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { RiskLimitsRequestDto } from './risk-limits.request.dto';
import { RiskStateResponse } from './risk.response';

/** The risk policy: its limits, exposure, daily PnL, halts and kill switch. */
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
  @ApiNoContentResponse({ description: 'the limits apply from the next order check' })
  @ApiProblemResponses(400)
  async configure(@Body() body: RiskLimitsRequestDto): Promise<void> {
    await this.commands.execute(new ConfigureRiskLimits({ ...body, orderRate: { ...body.orderRate } }));
  }
}
