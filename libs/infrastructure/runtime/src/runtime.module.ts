import type { Clock } from '@trader/domain';
import { DynamicModule, Module } from '@nestjs/common';
import { SystemClock } from './clock/system-clock';
import { AppKernel } from './kernel/app-kernel';
import { NestRuntimeLogger } from './logging/nest-runtime-logger';
import { RuntimeLogger } from './logging/runtime-logger';
import { LoopGuard } from './loop/loop-guard';
import { defaultTaskShutdownTimeoutMs, RuntimeOptions } from './runtime-options';
import { CLOCK, RUNTIME_LOGGER, RUNTIME_OPTIONS } from './runtime.tokens';
import { TaskManager } from './tasks/task-manager';
import { taskManagerComponent } from './tasks/task-manager.component';

/**
 * Provides the kernel, the task manager and the loop guard to the whole app. The loop guard and the
 * task manager are the first components of the kernel, so they start first and stop last: every
 * other component can rely on them for its whole life.
 */
@Module({})
export class RuntimeModule {
  static forRoot(options: RuntimeOptions = {}): DynamicModule {
    return {
      module: RuntimeModule,
      global: true,
      providers: [
        { provide: RUNTIME_OPTIONS, useValue: options },
        { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
        { provide: RUNTIME_LOGGER, useValue: options.logger ?? new NestRuntimeLogger() },
        {
          provide: TaskManager,
          inject: [CLOCK, RUNTIME_LOGGER],
          useFactory: (clock: Clock, logger: RuntimeLogger) => new TaskManager(clock, logger),
        },
        {
          provide: LoopGuard,
          inject: [CLOCK, RUNTIME_LOGGER],
          useFactory: (clock: Clock, logger: RuntimeLogger) => new LoopGuard(clock, logger, options.loopGuard),
        },
        {
          provide: AppKernel,
          inject: [CLOCK, RUNTIME_LOGGER, TaskManager, LoopGuard],
          useFactory: (clock: Clock, logger: RuntimeLogger, tasks: TaskManager, loopGuard: LoopGuard) => {
            const kernel = new AppKernel(clock, logger);
            kernel.register({
              name: 'loop-guard',
              start: () => loopGuard.start(),
              stop: () => loopGuard.stop(),
              health: () => {
                const { p99Ms, thresholdMs } = loopGuard.snapshot();
                return p99Ms > thresholdMs
                  ? { status: 'degraded', detail: `event loop p99 ${p99Ms} ms over ${thresholdMs} ms` }
                  : { status: 'up' };
              },
            });
            kernel.register(taskManagerComponent(tasks, logger, options.taskShutdownTimeoutMs ?? defaultTaskShutdownTimeoutMs));
            return kernel;
          },
        },
      ],
      exports: [CLOCK, RUNTIME_LOGGER, TaskManager, LoopGuard, AppKernel],
    };
  }
}
