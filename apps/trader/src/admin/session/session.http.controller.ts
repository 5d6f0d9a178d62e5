import {
  EngageKillSwitch,
  GetSession,
  HaltTrading,
  ReleaseKillSwitch,
  RequestConfigChange,
  ResumeTrading,
  StartTrading,
  SwitchDatabaseProfile,
} from '@trader/application';
import type { ConfigChangeOutcome, KillSwitchResult, SessionView } from '@trader/application';
import type { JsonValue } from '@trader/domain';
import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ApiProblemResponse, ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { ConfigChangeRequestDto, DatabaseProfileRequestDto } from './config-change.request.dto';
import { ConfigChangeResponse } from './config-change.response';
import { KillSwitchResponse } from './kill-switch.response';
import { ReasonRequestDto } from './reason.request.dto';
import { SessionResponse } from './session.response';

/** Recorded in the metadata of the events an operator command stores: who gave it. */
const adminApi = { actor: 'admin-api' } as const;

/** The trading session: its state, halt and resume, the kill switch, and change requests. */
@ApiTags('session')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1/session')
export class SessionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({ type: SessionResponse })
  get(): Promise<SessionView> {
    return this.queries.execute(new GetSession());
  }

  /** Start trading from idle (the trader does this itself once the start-up reconciliation succeeds). */
  @Post('start')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'the session is trading' })
  @ApiProblemResponse(409, 'the session is not idle (`illegal_session_transition`)')
  async start(): Promise<void> {
    await this.commands.execute(new StartTrading());
  }

  @Post('halt')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'the session is halted (halting a halted session changes nothing)' })
  @ApiProblemResponses(400)
  async halt(@Body() body: ReasonRequestDto): Promise<void> {
    await this.commands.execute(new HaltTrading(body.reason, adminApi));
  }

  @Post('resume')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'the session is trading again' })
  @ApiProblemResponse(409, 'the session is neither halted nor reducing (`illegal_session_transition`), or the kill switch is engaged: release it first (`illegal_resume_while_kill_switch_engaged`)')
  async resume(): Promise<void> {
    await this.commands.execute(new ResumeTrading(adminApi));
  }

  @Post('kill')
  @ApiCreatedResponse({ type: KillSwitchResponse, description: 'the kill switch is engaged and the session halted' })
  @ApiProblemResponses(400)
  @ApiProblemResponse(409, 'the kill switch is already engaged (`illegal_risk_transition`)')
  kill(@Body() body: ReasonRequestDto): Promise<KillSwitchResult> {
    return this.commands.execute(new EngageKillSwitch(body.reason, adminApi));
  }

  @Post('release-kill-switch')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'orders are allowed again; the session stays halted until resumed' })
  @ApiProblemResponse(409, 'the kill switch is not engaged (`illegal_risk_transition`)')
  async release(): Promise<void> {
    await this.commands.execute(new ReleaseKillSwitch(adminApi));
  }

  @Post('config-changes')
  @ApiCreatedResponse({ type: ConfigChangeResponse })
  @ApiProblemResponses(400)
  async requestConfigChange(@Body() body: ConfigChangeRequestDto): Promise<ConfigChangeResponse> {
    const changeId = randomUUID();
    const outcome = await this.commands.execute<RequestConfigChange, ConfigChangeOutcome>(
      new RequestConfigChange(changeId, body.key, body.value as JsonValue, body.urgent ?? false),
    );
    return { changeId, outcome };
  }

  @Post('database-profile')
  @ApiCreatedResponse({ type: ConfigChangeResponse })
  @ApiProblemResponses(400)
  async switchDatabaseProfile(@Body() body: DatabaseProfileRequestDto): Promise<ConfigChangeResponse> {
    const changeId = randomUUID();
    const outcome = await this.commands.execute<SwitchDatabaseProfile, ConfigChangeOutcome>(new SwitchDatabaseProfile(changeId, body.profile, body.urgent ?? false));
    return { changeId, outcome };
  }
}
