import type { Clock } from '@trader/domain';
import { errorMessage } from '../logging/error-message';
import { RuntimeLogger } from '../logging/runtime-logger';
import { ComponentStatus, InstanceRole, KernelComponent, KernelStatus } from './kernel-component';
import { KernelConfigurationError, KernelStartError } from './kernel.errors';
import { startOrder } from './start-order';

/** Where signals come from: `process` in production, an EventEmitter in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface SignalHandlingOptions {
  source?: SignalSource;
  signals?: readonly NodeJS.Signals[];
  /** Ends the process; `process.exit` unless a test passes its own. */
  exit?: (code: number) => void;
}

const sameRequestWindowMs = 1_000;

/** What a held-back component says about itself while the process is a standby. */
const heldBackDetail = 'held back: this instance is a standby; starts when it becomes active';

export interface KernelStartOptions {
  /** `standby` starts every component except the `activeOnly` ones; `activate()` starts those later. Default `active`. */
  readonly role?: InstanceRole;
}

/**
 * Owns the lifetime of every long-lived resource of the process. One place starts components in
 * dependency order, reports their state, and stops them in reverse order, so nothing outlives the
 * thing it depends on and nothing is left running at exit.
 *
 * A standby process (another process of the same account is active) starts everything but the
 * `activeOnly` components, the ones that write; `activate()` starts them once it may write. Stopping
 * always follows the reverse of the full dependency order, so a component started at activation
 * still stops before the ones it depends on, and the HTTP server, registered last, still stops first.
 */
export class AppKernel {
  private readonly components: KernelComponent[] = [];
  private readonly statuses = new Map<string, ComponentStatus>();
  private started: KernelComponent[] = [];
  /** The full start order, fixed at start(); stopping goes through it backwards. */
  private order: KernelComponent[] = [];
  private role: InstanceRole = 'active';
  private state: KernelStatus['state'] = 'idle';
  private since: number;
  private stopping?: Promise<void>;
  /** A start() or activate() under way: stop() waits for the component being started, then stops it too. */
  private transition?: Promise<void>;

  constructor(
    private readonly clock: Clock,
    private readonly logger: RuntimeLogger,
  ) {
    this.since = clock.now();
  }

  /** `standby` from a standby start until `activate()`; `active` otherwise. */
  get currentRole(): InstanceRole {
    return this.role;
  }

  register(component: KernelComponent): void {
    if (this.statuses.has(component.name)) {
      throw new KernelConfigurationError(`A component named "${component.name}" is already registered`, [component.name]);
    }
    if (this.state !== 'idle') {
      throw new KernelConfigurationError(
        `Component "${component.name}" was registered after start-up began; register everything before start()`,
        [component.name],
      );
    }
    this.components.push(component);
    this.statuses.set(component.name, { name: component.name, state: 'registered', since: this.clock.now() });
  }

  /**
   * Starts every component after its dependencies. If one fails, the ones already running are stopped
   * in reverse order and start-up fails with a `KernelStartError` naming the component.
   */
  async start(options: KernelStartOptions = {}): Promise<void> {
    if (this.state !== 'idle') {
      throw new KernelConfigurationError(`The kernel cannot start from state "${this.state}"`, []);
    }
    this.order = startOrder(this.components);
    this.role = options.role ?? 'active';
    this.setKernelState('starting');
    await this.transit(async () => {
      for (const component of this.order) {
        // A stop asked for during start-up wins: nothing more is started, and stop() stops what was.
        if (this.stopping) return;
        if (this.role === 'standby' && component.activeOnly) {
          this.setState(component.name, 'registered', undefined, heldBackDetail);
          continue;
        }
        await this.startOne(component);
      }
      this.setKernelState('running');
    });
  }

  /**
   * A standby becomes active: starts the `activeOnly` components it held back, in dependency order.
   * If one fails, everything is stopped, as when start-up fails, and the `KernelStartError` is thrown.
   * A stop asked for meanwhile wins: no further component is started.
   */
  activate(): Promise<void> {
    if (this.role !== 'standby' || this.state !== 'running' || this.stopping) {
      return Promise.reject(new KernelConfigurationError(`Only a running standby can become active (role ${this.role}, state ${this.state})`, []));
    }
    this.role = 'active';
    this.logger.info('this instance is now active: starting the components a standby holds back');
    return this.transit(async () => {
      for (const component of this.order) {
        if (this.stopping) return;
        if (component.activeOnly) await this.startOne(component);
      }
    });
  }

  /** Stops the running components in reverse start order. Safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async transit(body: () => Promise<void>): Promise<void> {
    const run = body();
    this.transition = run;
    try {
      await run;
    } finally {
      if (this.transition === run) this.transition = undefined;
    }
  }

  private async startOne(component: KernelComponent): Promise<void> {
    this.setState(component.name, 'starting');
    this.logger.info(`starting ${component.name}`, { component: component.name });
    try {
      await component.start();
    } catch (error) {
      this.setState(component.name, 'failed', errorMessage(error));
      this.logger.error(`failed to start ${component.name}: ${errorMessage(error)}`, { component: component.name });
      await this.stopStarted();
      this.setKernelState('failed');
      throw new KernelStartError(component.name, error);
    }
    this.started.push(component);
    this.setState(component.name, 'running');
    this.logger.info(`started ${component.name}`, { component: component.name });
  }

  /** Asks every running component for its health and records running/degraded accordingly. */
  async checkHealth(): Promise<KernelStatus> {
    for (const component of this.started) {
      const status = this.statuses.get(component.name);
      if (!component.health || !status || (status.state !== 'running' && status.state !== 'degraded')) continue;
      try {
        const health = await component.health();
        const next = health.status === 'up' ? 'running' : 'degraded';
        if (next !== status.state || health.detail !== status.detail) this.setState(component.name, next, undefined, health.detail);
      } catch (error) {
        this.setState(component.name, 'degraded', errorMessage(error));
      }
    }
    return this.status();
  }

  status(): KernelStatus {
    return {
      role: this.role,
      state: this.state,
      since: this.since,
      components: this.components.map((c) => ({ ...(this.statuses.get(c.name) as ComponentStatus) })),
    };
  }

  /**
   * The first SIGINT/SIGTERM stops the kernel and exits with 0 (1 if a component failed to stop);
   * a second signal while stopping exits at once with 1. Returns a function that removes the handlers.
   *
   * A signal within `sameRequestWindowMs` of the first is the same request delivered twice, not a
   * second one: a terminal's Ctrl-C reaches every process of the foreground group and `npm start`
   * forwards its own copy to the trader, as a service manager that signals a whole control group does.
   */
  installSignalHandlers(options: SignalHandlingOptions = {}): () => void {
    const source = options.source ?? process;
    const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
    const exit = options.exit ?? ((code: number) => process.exit(code));
    let firstAt: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => (): void => {
      const now = this.clock.now();
      if (firstAt !== undefined && now - firstAt < sameRequestWindowMs) {
        this.logger.info(`${signal} received again within ${sameRequestWindowMs} ms: the same request, still stopping`, { signal });
        return;
      }
      if (firstAt !== undefined) {
        this.logger.warn(`${signal} received again while stopping: forcing exit`, { signal });
        exit(1);
        return;
      }
      firstAt = now;
      this.logger.info(`${signal} received: stopping`, { signal });
      this.stop().then(
        () => exit(this.components.some((c) => this.statuses.get(c.name)?.state === 'failed') ? 1 : 0),
        (error: unknown) => {
          this.logger.error(`shutdown failed: ${errorMessage(error)}`);
          exit(1);
        },
      );
    };
    const listeners = signals.map((signal) => [signal, onSignal(signal)] as const);
    for (const [signal, listener] of listeners) source.on(signal, listener);
    return () => {
      for (const [signal, listener] of listeners) source.off(signal, listener);
    };
  }

  private async stopAll(): Promise<void> {
    // A component being started finishes starting first, so it is stopped with the others.
    if (this.transition) await this.transition.catch(() => undefined);
    if (this.state === 'idle' || this.state === 'stopped' || this.state === 'failed') {
      this.setKernelState('stopped');
      return;
    }
    this.setKernelState('stopping');
    await this.stopStarted();
    this.setKernelState('stopped');
  }

  /**
   * Stops what was started, in reverse dependency order (newest first when nothing was held back);
   * a component that fails to stop does not keep the rest running.
   */
  private async stopStarted(): Promise<void> {
    const rank = new Map(this.order.map((component, index) => [component.name, index]));
    const toStop = [...this.started].sort((a, b) => (rank.get(b.name) ?? 0) - (rank.get(a.name) ?? 0));
    this.started = [];
    for (const component of toStop) {
      this.setState(component.name, 'stopping');
      this.logger.info(`stopping ${component.name}`, { component: component.name });
      try {
        await component.stop();
        this.setState(component.name, 'stopped');
        this.logger.info(`stopped ${component.name}`, { component: component.name });
      } catch (error) {
        this.setState(component.name, 'failed', errorMessage(error));
        this.logger.error(`failed to stop ${component.name}: ${errorMessage(error)}`, { component: component.name });
      }
    }
  }

  private setState(name: string, state: ComponentStatus['state'], lastError?: string, detail?: string): void {
    const previous = this.statuses.get(name);
    this.statuses.set(name, {
      name,
      state,
      since: this.clock.now(),
      ...(lastError !== undefined ? { lastError } : previous?.lastError !== undefined ? { lastError: previous.lastError } : {}),
      ...(detail !== undefined ? { detail } : {}),
    });
  }

  private setKernelState(state: KernelStatus['state']): void {
    this.state = state;
    this.since = this.clock.now();
  }
}
