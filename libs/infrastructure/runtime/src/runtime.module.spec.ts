import { ManualClock } from '@trader/domain';
import { Test } from '@nestjs/testing';
import { AppKernel } from './kernel/app-kernel';
import { silentLogger } from './logging/runtime-logger';
import { LoopGuard } from './loop/loop-guard';
import { RuntimeModule } from './runtime.module';
import { CLOCK } from './runtime.tokens';
import { TaskManager } from './tasks/task-manager';

describe('RuntimeModule', () => {
  it('provides one kernel whose first components are the loop guard and the task manager', async () => {
    const clock = new ManualClock(7);
    const moduleRef = await Test.createTestingModule({
      imports: [RuntimeModule.forRoot({ clock, logger: silentLogger, loopGuard: { mode: 'strict', thresholdMs: 250 } })],
    }).compile();

    const kernel = moduleRef.get(AppKernel);
    expect(moduleRef.get(CLOCK)).toBe(clock);
    expect(moduleRef.get(LoopGuard).options).toEqual(expect.objectContaining({ mode: 'strict', thresholdMs: 250 }));

    const tasks = moduleRef.get(TaskManager);
    await kernel.start();
    const handle = tasks.run('wait-for-abort', 'spec', (signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())));
    expect(kernel.status().components.map((c) => [c.name, c.state])).toEqual([
      ['loop-guard', 'running'],
      ['tasks', 'running'],
    ]);

    await kernel.stop();
    await handle.done;
    expect(tasks.list()).toEqual([expect.objectContaining({ name: 'wait-for-abort', state: 'aborted' })]);
    expect(kernel.status().components.map((c) => c.state)).toEqual(['stopped', 'stopped']);
  });
});
