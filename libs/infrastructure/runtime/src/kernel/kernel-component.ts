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

export interface KernelStatus {
  state: 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';
  since: number;
  components: ComponentStatus[];
}
