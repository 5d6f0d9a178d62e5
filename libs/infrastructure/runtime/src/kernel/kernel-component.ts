/** What a component reports about itself when the kernel asks. */
export interface ComponentHealth {
  status: 'up' | 'degraded' | 'down';
  detail?: string;
}

/**
 * A part of the process with a lifetime: a database handle, an HTTP pool, a socket, a server.
 * The kernel starts components after the ones they depend on and stops them in reverse order.
 */
export interface KernelComponent {
  readonly name: string;
  readonly dependsOn?: readonly string[];
  /**
   * Started only while this process is the active instance of its account, the one that may write
   * (trading, the event lanes, notifications). A standby process leaves it registered until
   * `AppKernel.activate()`; a component that depends on it starts without it meanwhile.
   */
  readonly activeOnly?: boolean;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
  health?(): ComponentHealth | Promise<ComponentHealth>;
}

export type ComponentState = 'registered' | 'starting' | 'running' | 'degraded' | 'stopping' | 'stopped' | 'failed';

export interface ComponentStatus {
  name: string;
  state: ComponentState;
  /** Epoch ms of the last state change. */
  since: number;
  lastError?: string;
  detail?: string;
}

/**
 * Whether this process writes for its account (`active`) or only serves reads while another process
 * does (`standby`, waiting to take over). A process without a lease (SQLite) is always active.
 */
export type InstanceRole = 'active' | 'standby';

export interface KernelStatus {
  role: InstanceRole;
  state: 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';
  since: number;
  components: ComponentStatus[];
}
