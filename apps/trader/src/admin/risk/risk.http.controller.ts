import { ConfigureProtections, GetRiskState, GetSession, RequestConfigChange, RISK_LIMITS_CONFIG_KEY } from '@trader/application';
import type { ConfigChangeOutcome, RiskStateView, SessionView } from '@trader/application';
import { JsonValue, Protections, validateRiskLimits } from '@trader/domain';
import { StoredEventMessage } from '@trader/events';
import { Body, Controller, Get, HttpCode, HttpStatus, Put, Res } from '@nestjs/common';
import { CommandBus, EventBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { ProtectionsRequestDto } from './protections.request.dto';
import { RiskLimitsChangeResponse } from './risk-limits-change.response';
import { RiskLimitsRequestDto } from './risk-limits.request.dto';
import { RiskStateResponse } from './risk.response';

/** How long a PUT waits for limits the session applied at once to be in force before answering 202. */
const APPLY_WAIT_MS = 10_000;

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
    private readonly eventBus: EventBus,
  ) {}

  @Get()
  @ApiOkResponse({ type: RiskStateResponse })
  get(): Promise<RiskStateView> {
    return this.queries.execute(new GetRiskState());
  }

  /**
   * A limits change is a session config change: with no order in flight it applies at once (204 once
   * the policy enforces it), otherwise it waits for the orders in flight to end (202 `deferred`), so
   * those orders finish under the limits that approved them (see RISK_LIMITS_CONFIG_KEY for the one
   * gap left). The limits are validated first: a refused change records nothing.
   */
  @Put('limits')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'no order was in flight: the limits apply from the next order check' })
  @ApiAcceptedResponse({ type: RiskLimitsChangeResponse, description: 'orders are in flight: the change is deferred until they end (or, rarely, still being applied)' })
  @ApiProblemResponses(400)
  async configure(@Body() body: RiskLimitsRequestDto, @Res({ passthrough: true }) response: Response): Promise<RiskLimitsChangeResponse | undefined> {
    const limits = validateRiskLimits({ ...body, orderRate: { ...body.orderRate } });
    const changeId = randomUUID();
    const inForce = this.limitsConfigured(changeId);
    try {
      const outcome = await this.commands.execute<RequestConfigChange, ConfigChangeOutcome>(
        new RequestConfigChange(changeId, RISK_LIMITS_CONFIG_KEY, limits as unknown as JsonValue, false, { correlationId: changeId }),
      );
      if (outcome === 'applied' && (await inForce.done)) return undefined;
      response.status(HttpStatus.ACCEPTED);
      if (outcome === 'applied') return { changeId, outcome: 'applying', waitingFor: [] };
      const session = await this.queries.execute<GetSession, SessionView>(new GetSession());
      return { changeId, outcome: 'deferred', waitingFor: [...session.ordersInFlight] };
    } finally {
      inForce.cancel();
    }
  }

  /** Resolves true when the policy records the limits of this change, false after APPLY_WAIT_MS. */
  private limitsConfigured(changeId: string): { done: Promise<boolean>; cancel: () => void } {
    let cancel = () => undefined as void;
    const done = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), APPLY_WAIT_MS);
      const subscription = this.eventBus.subscribe((message) => {
        if (message instanceof StoredEventMessage && message.event.type === 'RiskLimitsConfigured' && message.event.metadata.correlationId === changeId) resolve(true);
      });
      cancel = () => {
        clearTimeout(timer);
        subscription.unsubscribe();
        resolve(false);
      };
    });
    return { done, cancel };
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
