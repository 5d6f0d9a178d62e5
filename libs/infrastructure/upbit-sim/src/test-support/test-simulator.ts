import { ManualSimClock } from '../clock/sim-clock';
import { RunningSimulator, startSimulator } from '../simulator';
import { SimulatorOptions } from '../simulator-options';

/** 2026-01-05 00:00:30 UTC, a Monday: a fixed start so every run sees the same times. */
export const T0 = Date.UTC(2026, 0, 5, 0, 0, 30);

export const KEYS = { accessKey: 'test-access-key', secretKey: 'test-secret-key' };

/** A simulator on a manual clock with a short warm-up; time moves only when the test says so. */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<{ sim: RunningSimulator; clock: ManualSimClock }> {
  const clock = new ManualSimClock(T0);
  const sim = await startSimulator({
    seed: 42,
    warmup: { steps: 20, stepMs: 60_000 },
    accounts: [{ ...KEYS, balances: { KRW: '100000000', XRP: '10000' } }],
    ...options,
    clock,
  });
  return { sim, clock };
}
