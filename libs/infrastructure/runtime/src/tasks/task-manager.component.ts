import { KernelComponent } from '../kernel/kernel-component';
import { RuntimeLogger } from '../logging/runtime-logger';
import { TaskManager } from './task-manager';

/** The task manager as a kernel component: stopping it aborts and awaits every task still running. */
export function taskManagerComponent(tasks: TaskManager, logger: RuntimeLogger, shutdownTimeoutMs: number): KernelComponent {
  return {
    name: 'tasks',
    dependsOn: ['loop-guard'],
    start: () => undefined,
    stop: async () => {
      const report = await tasks.shutdown(shutdownTimeoutMs);
      if (report.timedOut.length > 0) {
        throw new Error(`tasks did not stop in time: ${report.timedOut.map((t) => `${t.name} (${t.owner})`).join(', ')}`);
      }
      logger.info(`stopped ${report.stopped.length} task(s)`);
    },
    health: () => {
      const failing = tasks.list().filter((t) => t.state === 'failed');
      return failing.length > 0 ? { status: 'degraded', detail: `failed tasks: ${failing.map((t) => t.name).join(', ')}` } : { status: 'up' };
    },
  };
}
