import { SystemClock, TaskManager, silentLogger } from '@trader/runtime';
import { UpbitClient, UpbitClientOptions, UpbitCredentials, createUpbitClient } from '@trader/upbit';
import { RunningSimulator, SimulatorOptions, startSimulator } from '@trader/upbit-sim';

export interface Harness {
  readonly sim: RunningSimulator;
  readonly client: UpbitClient;
  readonly tasks: TaskManager;
  /** Stops the client (reverse start order), its tasks, then the simulator. */
  close(): Promise<void>;
}

/** Starts a client the way the kernel would (components in order) against `sim`. */
export async function startClient(sim: RunningSimulator, overrides: Partial<UpbitClientOptions> = {}): Promise<Omit<Harness, 'sim'> & { close(): Promise<void> }> {
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  const account = sim.accounts[0];
  const client = createUpbitClient(
    { clock, tasks },
    {
      restUrl: sim.restUrl,
      publicWsUrl: sim.wsUrl,
      privateWsUrl: sim.privateWsUrl,
      credentials: new UpbitCredentials(account.accessKey, account.secretKey),
      ...overrides,
    },
  );
  for (const component of client.components) await component.start();
  return {
    client,
    tasks,
    close: async () => {
      for (const component of [...client.components].reverse()) await component.stop();
      const report = await tasks.shutdown(2_000);
      if (report.timedOut.length > 0) throw new Error(`tasks did not stop: ${JSON.stringify(report.timedOut)}`);
    },
  };
}

export async function startHarness(simOptions: SimulatorOptions = {}, overrides: Partial<UpbitClientOptions> = {}): Promise<Harness> {
  const sim = await startSimulator({ warmup: { steps: 30, stepMs: 60_000 }, tickIntervalMs: 50, ...simOptions });
  try {
    const started = await startClient(sim, overrides);
    return {
      sim,
      ...started,
      close: async () => {
        try {
          await started.close();
        } finally {
          await sim.close();
        }
      },
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** Posts to the simulator's admin endpoint (what an operator's drill would do). */
export async function admin(sim: RunningSimulator, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.adminUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(`admin ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
