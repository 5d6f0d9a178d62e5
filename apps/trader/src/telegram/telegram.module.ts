import { CLOCK, AppKernel, RUNTIME_LOGGER, RuntimeLogger, TaskManager } from '@trader/runtime';
import type { Clock } from '@trader/domain';
import { EventStoreRuntime } from '@trader/events';
import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { Secret } from '../config/secret';
import { KillConfirmations } from './kill-confirmations';
import { TelegramBotApiClient } from '@trader/notifications';
import { TelegramCommandPoller } from './telegram-command-poller';
import { TelegramCommands } from './telegram-commands';

export interface TelegramCommandsOptions {
  readonly apiUrl: string;
  readonly botToken: Secret;
  readonly chatIds: readonly string[];
  /** Kernel components the poller starts after (the event store at least: commands are stored there). */
  readonly dependsOn: readonly string[];
  /** The long poll's timeout in seconds (default 25). */
  readonly pollTimeoutSeconds?: number;
}

const TELEGRAM_COMMANDS_OPTIONS = Symbol('TELEGRAM_COMMANDS_OPTIONS');

/** Registers the poller with the kernel as component `telegram-commands`. */
@Injectable()
class TelegramCommandsComponent implements OnModuleInit {
  private readonly poller: TelegramCommandPoller;

  constructor(
    private readonly kernel: AppKernel,
    tasks: TaskManager,
    commands: CommandBus,
    queries: QueryBus,
    runtime: EventStoreRuntime,
    @Inject(CLOCK) clock: Clock,
    @Inject(RUNTIME_LOGGER) logger: RuntimeLogger,
    @Inject(TELEGRAM_COMMANDS_OPTIONS) private readonly options: TelegramCommandsOptions,
  ) {
    this.poller = new TelegramCommandPoller(
      new TelegramBotApiClient(options.apiUrl, options.botToken),
      new TelegramCommands(commands, queries, clock, new KillConfirmations(clock)),
      runtime.checkpoints,
      tasks,
      logger,
      clock,
      { chatIds: options.chatIds, ...(options.pollTimeoutSeconds !== undefined ? { pollTimeoutSeconds: options.pollTimeoutSeconds } : {}) },
    );
  }

  onModuleInit(): void {
    // Active-only: commands change the session, and only one poller may read a bot's updates.
    this.kernel.register({ name: 'telegram-commands', dependsOn: this.options.dependsOn, activeOnly: true, start: () => this.poller.start(), stop: () => this.poller.stop() });
  }
}

/** Telegram remote control (TRADER_TELEGRAM_COMMANDS=1): the operator's commands from the allowed chats. */
@Module({})
export class TelegramModule {
  static forRoot(options: TelegramCommandsOptions): DynamicModule {
    return {
      module: TelegramModule,
      imports: [CqrsModule],
      providers: [{ provide: TELEGRAM_COMMANDS_OPTIONS, useValue: options }, TelegramCommandsComponent],
    };
  }
}
