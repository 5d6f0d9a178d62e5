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
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ConfigChangeRequestDto, DatabaseProfileRequestDto } from './config-change.request.dto';
import { ReasonRequestDto } from './reason.request.dto';

/** The trading session: its state, halt and resume, the kill switch, and change requests. */
@ApiTags('session')
@ApiBearerAuth()
@Controller('api/v1/session')
export class SessionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  get(): Promise<SessionView> {
    return this.queries.execute(new GetSession());
  }

  /** Start trading from idle (the trader does this itself once the start-up reconciliation succeeds). */
  @Post('start')
  @HttpCode(HttpStatus.NO_CONTENT)
  async start(): Promise<void> {
    await this.commands.execute(new StartTrading());
  }

  @Post('halt')
  @HttpCode(HttpStatus.NO_CONTENT)
  async halt(@Body() body: ReasonRequestDto): Promise<void> {
    await this.commands.execute(new HaltTrading(body.reason));
  }

  @Post('resume')
  @HttpCode(HttpStatus.NO_CONTENT)
  async resume(): Promise<void> {
    await this.commands.execute(new ResumeTrading());
  }

  @Post('kill')
  kill(@Body() body: ReasonRequestDto): Promise<KillSwitchResult> {
    return this.commands.execute(new EngageKillSwitch(body.reason));
  }

  @Post('release-kill-switch')
  @HttpCode(HttpStatus.NO_CONTENT)
  async release(): Promise<void> {
    await this.commands.execute(new ReleaseKillSwitch());
  }

  @Post('config-changes')
  async requestConfigChange(@Body() body: ConfigChangeRequestDto): Promise<{ changeId: string; outcome: ConfigChangeOutcome }> {
    const changeId = randomUUID();
    const outcome = await this.commands.execute<RequestConfigChange, ConfigChangeOutcome>(
      new RequestConfigChange(changeId, body.key, body.value as JsonValue, body.urgent ?? false),
    );
    return { changeId, outcome };
  }

  @Post('database-profile')
  async switchDatabaseProfile(@Body() body: DatabaseProfileRequestDto): Promise<{ changeId: string; outcome: ConfigChangeOutcome }> {
    const changeId = randomUUID();
    const outcome = await this.commands.execute<SwitchDatabaseProfile, ConfigChangeOutcome>(new SwitchDatabaseProfile(changeId, body.profile, body.urgent ?? false));
    return { changeId, outcome };
  }
}
