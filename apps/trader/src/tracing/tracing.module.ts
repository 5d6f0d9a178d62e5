import { EventStoreRuntime } from '@trader/events';
import { AppKernel } from '@trader/runtime';
import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { TraderTracing } from './trader-tracing';
import { TRADER_TRACING } from './tracing.tokens';

/** The correlation id a command carries in its context (PlaceOrder, CancelOrder, ...), if any. */
function correlationOf(command: object): string | undefined {
  const correlationId = (command as { context?: { correlationId?: unknown } }).context?.correlationId;
  return typeof correlationId === 'string' ? correlationId : undefined;
}

/**
 * With tracing on: a span around every command the bus executes (@nestjs/cqrs has no hook around a
 * handler, so the bus's `execute` is wrapped once, here in the wiring), a span per event-store append
 * (the store's append observer), and a kernel component that flushes the exporter at shutdown. With
 * tracing off it does nothing.
 */
@Injectable()
class TracingWiring implements OnModuleInit {
  constructor(
    @Inject(TRADER_TRACING) private readonly tracing: TraderTracing | null,
    private readonly commands: CommandBus,
    private readonly runtime: EventStoreRuntime,
    private readonly kernel: AppKernel,
  ) {}

  onModuleInit(): void {
    const tracing = this.tracing;
    if (!tracing) return;
    const execute = this.commands.execute.bind(this.commands);
    this.commands.execute = ((command: object, ...rest: unknown[]) =>
      tracing.command(command.constructor.name, correlationOf(command), () => (execute as (...args: unknown[]) => Promise<unknown>)(command, ...rest))) as CommandBus['execute'];
    this.runtime.publishing.observeAppends((append) => tracing.append(append));
    // Stopped with the kernel: what is buffered is exported then (spans begun later are dropped).
    this.kernel.register({ name: 'tracing', start: () => undefined, stop: () => tracing.shutdown() });
  }
}

/** Provides `TRADER_TRACING` (null when off) to the trading wiring, and wires the spans the app owns. */
@Module({})
export class TracingModule {
  static forRoot(tracing: TraderTracing | null): DynamicModule {
    return {
      module: TracingModule,
      global: true,
      imports: [CqrsModule],
      providers: [{ provide: TRADER_TRACING, useValue: tracing }, TracingWiring],
      exports: [TRADER_TRACING],
    };
  }
}
