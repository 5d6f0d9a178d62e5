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
      const list = tasks.list();
      const failing = list.filter((t) => t.state === 'failed').map((t) => t.name);
      // A supervised loop between a failure and its restart is down for now, not failed for good.
      const restarting = list.filter((t) => t.kind === 'supervised' && t.state === 'waiting').map((t) => t.name);
      const problems = [...(failing.length > 0 ? [`failed tasks: ${failing.join(', ')}`] : []), ...(restarting.length > 0 ? [`restarting tasks: ${restarting.join(', ')}`] : [])];
      return problems.length > 0 ? { status: 'degraded', detail: problems.join('; ') } : { status: 'up' };
    },
  };
}
