import { ManualClock } from '@trader/domain';
import { EventEmitter } from 'node:events';
import { silentLogger } from '../logging/runtime-logger';
import { AppKernel } from './app-kernel';
import { KernelComponent } from './kernel-component';
import { KernelConfigurationError, KernelStartError } from './kernel.errors';

function recorder(): { calls: string[]; component: (name: string, extra?: Partial<KernelComponent>) => KernelComponent } {
  const calls: string[] = [];
  return {
    calls,
    component: (name, extra = {}) => ({
      name,
      start: () => {
        calls.push(`start ${name}`);
      },
      stop: () => {
        calls.push(`stop ${name}`);
      },
      ...extra,
    }),
  };
}

describe('AppKernel', () => {
  it('starts components after their dependencies and stops them in reverse order', async () => {
    const { calls, component } = recorder();
    const kernel = new AppKernel(new ManualClock(), silentLogger);
    kernel.register(component('http', { dependsOn: ['db', 'exchange'] }));
    kernel.register(component('exchange', { dependsOn: ['db'] }));
    kernel.register(component('db'));
    kernel.register(component('metrics'));

    await kernel.start();
    expect(calls).toEqual(['start db', 'start exchange', 'start http', 'start metrics']);
    expect(kernel.status().state).toBe('running');
    expect(kernel.status().components.map((c) => c.state)).toEqual(['running', 'running', 'running', 'running']);

    calls.length = 0;
    await kernel.stop();
    expect(calls).toEqual(['stop metrics', 'stop http', 'stop exchange', 'stop db']);
    expect(kernel.status().state).toBe('stopped');
    expect(kernel.status().components.every((c) => c.state === 'stopped')).toBe(true);
  });

  it('rolls back the started components when one fails to start, and says which one failed', async () => {
    const { calls, component } = recorder();
    const kernel = new AppKernel(new ManualClock(), silentLogger);
    kernel.register(component('db'));
    kernel.register(component('exchange'));
    kernel.register(
      component('http', {
        start: () => {
          calls.push('start http');
          throw new Error('port 8420 in use');
        },
      }),
    );
    kernel.register(component('strategies'));

    const failure = await kernel.start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KernelStartError);
    expect((failure as KernelStartError).component).toBe('http');
    expect((failure as Error).message).toBe('Start-up failed: component "http" did not start: port 8420 in use');
    expect(calls).toEqual(['start db', 'start exchange', 'start http', 'stop exchange', 'stop db']);

    const status = kernel.status();
    expect(status.state).toBe('failed');
    expect(status.components).toEqual([
      expect.objectContaining({ name: 'db', state: 'stopped' }),
      expect.objectContaining({ name: 'exchange', state: 'stopped' }),
      expect.objectContaining({ name: 'http', state: 'failed', lastError: 'port 8420 in use' }),
      expect.objectContaining({ name: 'strategies', state: 'registered' }),
    ]);
  });

  it('keeps stopping the others when one component fails to stop', async () => {
    const { calls, component } = recorder();
    const kernel = new AppKernel(new ManualClock(), silentLogger);
    kernel.register(component('db'));
    kernel.register(
      component('socket', {
        stop: () => {
          calls.push('stop socket');
          return Promise.reject(new Error('close timed out'));
        },
      }),
    );
    kernel.register(component('http'));
    await kernel.start();
    calls.length = 0;

    await kernel.stop();
    expect(calls).toEqual(['stop http', 'stop socket', 'stop db']);
    expect(kernel.status().components.find((c) => c.name === 'socket')).toEqual(
      expect.objectContaining({ state: 'failed', lastError: 'close timed out' }),
    );
  });

  it('refuses unknown dependencies, cycles and duplicate names', async () => {
    const { component } = recorder();
    const unknown = new AppKernel(new ManualClock(), silentLogger);
    unknown.register(component('http', { dependsOn: ['db'] }));
    await expect(unknown.start()).rejects.toThrow('Component "http" depends on "db", which is not registered');

    const cyclic = new AppKernel(new ManualClock(), silentLogger);
    cyclic.register(component('a', { dependsOn: ['b'] }));
    cyclic.register(component('b', { dependsOn: ['a'] }));
    await expect(cyclic.start()).rejects.toThrow('Components depend on each other in a cycle: a -> b -> a');

    const duplicate = new AppKernel(new ManualClock(), silentLogger);
    duplicate.register(component('db'));
    expect(() => duplicate.register(component('db'))).toThrow(KernelConfigurationError);
  });

  it('reports when each component changed state, from the injected clock', async () => {
    const clock = new ManualClock(1_000);
    const { component } = recorder();
    const kernel = new AppKernel(clock, silentLogger);
    kernel.register(component('db'));
    clock.set(2_000);
    await kernel.start();
    expect(kernel.status()).toEqual({
      role: 'active',
      state: 'running',
      since: 2_000,
      components: [{ name: 'db', state: 'running', since: 2_000 }],
    });
  });

  it('marks a component degraded while its health check says so, and running again when it recovers', async () => {
    let healthy = true;
    const { component } = recorder();
    const kernel = new AppKernel(new ManualClock(), silentLogger);
    kernel.register(
      component('ws', { health: () => (healthy ? { status: 'up' } : { status: 'degraded', detail: 'reconnecting' }) }),
    );
    await kernel.start();

    healthy = false;
    expect((await kernel.checkHealth()).components[0]).toEqual(expect.objectContaining({ state: 'degraded', detail: 'reconnecting' }));
    healthy = true;
    expect((await kernel.checkHealth()).components[0]).toEqual(expect.objectContaining({ state: 'running' }));
  });

  it('stops on the first signal and exits 0; a second signal while stopping forces exit 1', async () => {
    let releaseStop: () => void = () => undefined;
    const { component } = recorder();
    const clock = new ManualClock();
    const kernel = new AppKernel(clock, silentLogger);
    kernel.register(component('slow', { stop: () => new Promise<void>((resolve) => (releaseStop = resolve)) }));
    await kernel.start();
    const signals = new EventEmitter();
    const exits: number[] = [];
    const remove = kernel.installSignalHandlers({ source: signals, exit: (code) => exits.push(code) });

    signals.emit('SIGTERM');
    expect(kernel.status().state).toBe('stopping');
    clock.advance(1_000);
    signals.emit('SIGINT');
    expect(exits).toEqual([1]);

    releaseStop();
    await kernel.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1, 0]);
    remove();
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('takes a signal repeated within a second for the same request (Ctrl-C reaches the trader from the terminal and again from npm), not a forced exit', async () => {
    let releaseStop: () => void = () => undefined;
    const { component } = recorder();
    const clock = new ManualClock();
    const kernel = new AppKernel(clock, silentLogger);
    kernel.register(component('slow', { stop: () => new Promise<void>((resolve) => (releaseStop = resolve)) }));
    await kernel.start();
    const signals = new EventEmitter();
    const exits: number[] = [];
    kernel.installSignalHandlers({ source: signals, exit: (code) => exits.push(code) });

    signals.emit('SIGINT');
    clock.advance(999);
    signals.emit('SIGINT');
    expect(exits).toEqual([]);
    expect(kernel.status().state).toBe('stopping');

    releaseStop();
    await kernel.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([0]);
  });

  it('starts nothing further once a stop is asked for during start-up, and stops what was started', async () => {
    let releaseStart: () => void = () => undefined;
    const { calls, component } = recorder();
    const kernel = new AppKernel(new ManualClock(), silentLogger);
    kernel.register(component('db'));
    kernel.register(
      component('exchange', {
        start: () => {
          calls.push('start exchange');
          return new Promise<void>((resolve) => (releaseStart = resolve));
        },
      }),
    );
    kernel.register(component('http'));

    const start = kernel.start();
    await new Promise((resolve) => setImmediate(resolve));
    const stop = kernel.stop();
    releaseStart();
    await start;
    await stop;
    expect(calls).toEqual(['start db', 'start exchange', 'stop exchange', 'stop db']);
    expect(kernel.status().state).toBe('stopped');
  });

  describe('as a standby', () => {
    /** The trader's shape: the HTTP server depends on trading (it starts last), trading and the lanes write. */
    const traderKernel = (): { calls: string[]; kernel: AppKernel } => {
      const { calls, component } = recorder();
      const kernel = new AppKernel(new ManualClock(), silentLogger);
      kernel.register(component('tasks'));
      kernel.register(component('event-store', { dependsOn: ['tasks'], activeOnly: true }));
      kernel.register(component('exchange', { dependsOn: ['tasks'] }));
      kernel.register(component('trading', { dependsOn: ['event-store', 'exchange'], activeOnly: true }));
      kernel.register(component('http', { dependsOn: ['tasks', 'trading'] }));
      return { calls, kernel };
    };

    it('starts everything but the active-only components, which stay registered and say why', async () => {
      const { calls, kernel } = traderKernel();
      await kernel.start({ role: 'standby' });
      expect(calls).toEqual(['start tasks', 'start exchange', 'start http']);
      const status = kernel.status();
      expect(status).toEqual(expect.objectContaining({ role: 'standby', state: 'running' }));
      expect(status.components.filter((c) => c.state === 'registered').map((c) => `${c.name}: ${c.detail}`)).toEqual([
        'event-store: held back: this instance is a standby; starts when it becomes active',
        'trading: held back: this instance is a standby; starts when it becomes active',
      ]);
    });

    it('starts the held-back components in dependency order on activation, and stops in the full reverse order', async () => {
      const { calls, kernel } = traderKernel();
      await kernel.start({ role: 'standby' });
      calls.length = 0;
      await kernel.activate();
      expect(calls).toEqual(['start event-store', 'start trading']);
      expect(kernel.status().role).toBe('active');
      expect(kernel.status().components.every((c) => c.state === 'running')).toBe(true);

      calls.length = 0;
      await kernel.stop();
      // The HTTP server started before trading here, and still stops first.
      expect(calls).toEqual(['stop http', 'stop trading', 'stop exchange', 'stop event-store', 'stop tasks']);
    });

    it('refuses to activate a process that is already active', async () => {
      const { kernel } = traderKernel();
      await kernel.start();
      await expect(kernel.activate()).rejects.toThrow(KernelConfigurationError);
    });

    it('stops everything when a held-back component fails to start on activation', async () => {
      const { calls, component } = recorder();
      const kernel = new AppKernel(new ManualClock(), silentLogger);
      kernel.register(component('tasks'));
      kernel.register(component('event-store', { dependsOn: ['tasks'], activeOnly: true, start: () => Promise.reject(new Error('lease lost')) }));
      kernel.register(component('http', { dependsOn: ['tasks'] }));
      await kernel.start({ role: 'standby' });
      calls.length = 0;

      const failure = await kernel.activate().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(KernelStartError);
      expect((failure as KernelStartError).component).toBe('event-store');
      expect(calls).toEqual(['stop http', 'stop tasks']);
      expect(kernel.status().state).toBe('failed');
    });

    it('starts nothing further once a stop is asked for during activation, and stops what activation started', async () => {
      let releaseStart: () => void = () => undefined;
      const { calls, component } = recorder();
      const kernel = new AppKernel(new ManualClock(), silentLogger);
      kernel.register(component('tasks'));
      kernel.register(
        component('event-store', {
          dependsOn: ['tasks'],
          activeOnly: true,
          start: () => {
            calls.push('start event-store');
            return new Promise<void>((resolve) => (releaseStart = resolve));
          },
        }),
      );
      kernel.register(component('trading', { dependsOn: ['event-store'], activeOnly: true }));
      await kernel.start({ role: 'standby' });
      calls.length = 0;

      const activation = kernel.activate();
      const stop = kernel.stop();
      releaseStart();
      await activation;
      await stop;
      expect(calls).toEqual(['start event-store', 'stop event-store', 'stop tasks']);
      expect(kernel.status().components.find((c) => c.name === 'trading')?.state).toBe('registered');
    });
  });
});
