import {
  DeciderRepository,
  EngageKillSwitch,
  EngageKillSwitchHandler,
  ORDER_AGGREGATE,
  ReleaseKillSwitch,
  ReleaseKillSwitchHandler,
  ResumeTrading,
  ResumeTradingHandler,
  RISK_AGGREGATE,
  ScannedTrackedOrders,
  SESSION_AGGREGATE,
} from '@trader/application';
import type { TrackedOrders } from '@trader/application';
import { EventStoreRuntime, ORDER_VIEWS_PROJECTION, orderViewsProjection, ReadModelTrackedOrders, tradingReadModelEntities } from '@trader/events';
import { orderDecider, riskPolicyDecider, tradingSessionDecider } from '@trader/domain';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface KillSwitchSamples {
  readonly readModelMs: number[];
  readonly scanMs: number[];
  /** Finding the working orders alone (`openOrderIds`), on the same state, per path. */
  readonly readModelLookupMs: number[];
  readonly scanLookupMs: number[];
  /** Working orders whose cancel each engage requested (the same for both paths, or the run fails). */
  readonly cancelRequested: number;
}

export interface KillSwitchPlan {
  readonly rounds: number;
  /** Read-model engages per round; each round also has one scan engage. */
  readonly readModelPerRound: number;
}

/**
 * Engages the kill switch end to end as the app does (the command handler on the app's repositories,
 * full durability for order events), once finding the working orders in
 * the order read model and once by scanning the log (`ScannedTrackedOrders`, the baseline), alternating,
 * warm. It stops at the cancel requests being stored: the cancellation saga is not running. Between two
 * engages, untimed, the cancels are rejected, the switch released and trading resumed, and the read
 * model is let catch up, so every engage starts from the same state. The risk and session streams are
 * folded without the app's snapshots (they live in the app): they hold only the setup and these
 * resets, about 1,000 events by the end of a full run, the same for both paths.
 */
export async function killSwitchWorkload(cachedStorePath: string, plan: KillSwitchPlan): Promise<KillSwitchSamples> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-kill-switch-'));
  const path = join(dir, 'trader.db');
  copyFileSync(cachedStorePath, path);
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  const runtime = new EventStoreRuntime({ path, clock, tasks, readModelEntities: [...tradingReadModelEntities] });
  try {
    await runtime.addProjection(orderViewsProjection());
    runtime.start();
    const common = { store: runtime.publishing, now: () => clock.now(), newEventId: randomUUID };
    const orders = new DeciderRepository({ ...common, aggregateType: ORDER_AGGREGATE, decider: orderDecider, appendOptions: { durability: 'full' } });
    const session = new DeciderRepository({ ...common, aggregateType: SESSION_AGGREGATE, decider: tradingSessionDecider });
    const risk = new DeciderRepository({ ...common, aggregateType: RISK_AGGREGATE, decider: riskPolicyDecider });
    const readModelTracked = new ReadModelTrackedOrders(await runtime.readModelDataSource(), runtime.store, runtime.dispatcher);
    const scanTracked = new ScannedTrackedOrders(runtime.publishing, orders);
    const readModel = new EngageKillSwitchHandler(risk, session, orders, readModelTracked, clock);
    const scan = new EngageKillSwitchHandler(risk, session, orders, scanTracked, clock);
    const release = new ReleaseKillSwitchHandler(risk, clock);
    const resume = new ResumeTradingHandler(session, risk, clock);
    let expected: string | undefined;

    const engage = async (handler: EngageKillSwitchHandler): Promise<number> => {
      await runtime.dispatcher.whenCaughtUp(ORDER_VIEWS_PROJECTION, runtime.store.lastPosition(), 60_000);
      const started = performance.now();
      const result = await handler.execute(new EngageKillSwitch('benchmark'));
      const ms = performance.now() - started;
      const cancelled = [...result.cancelRequested].sort().join(',');
      expected ??= cancelled;
      if (cancelled !== expected || result.cancelRequested.length === 0) throw new Error(`the two paths cancelled different orders: ${cancelled} vs ${expected}`);
      for (const orderId of result.cancelRequested) await orders.handle(orderId, { type: 'RecordCancelRejected', data: { reason: 'benchmark reset', at: clock.now() } });
      await release.execute(new ReleaseKillSwitch());
      await resume.execute(new ResumeTrading());
      return ms;
    };

    await engage(scan);
    await engage(readModel);
    const lookup = async (tracked: TrackedOrders): Promise<number> => {
      await runtime.dispatcher.whenCaughtUp(ORDER_VIEWS_PROJECTION, runtime.store.lastPosition(), 60_000);
      const started = performance.now();
      await tracked.openOrderIds();
      return performance.now() - started;
    };
    const readModelMs: number[] = [];
    const scanMs: number[] = [];
    const readModelLookupMs: number[] = [];
    const scanLookupMs: number[] = [];
    for (let round = 0; round < plan.rounds; round += 1) {
      scanMs.push(await engage(scan));
      scanLookupMs.push(await lookup(scanTracked));
      for (let i = 0; i < plan.readModelPerRound; i += 1) {
        readModelMs.push(await engage(readModel));
        readModelLookupMs.push(await lookup(readModelTracked));
      }
    }
    return { readModelMs, scanMs, readModelLookupMs, scanLookupMs, cancelRequested: (expected ?? '').split(',').length };
  } finally {
    await runtime.stop();
    await tasks.shutdown(1_000);
    rmSync(dir, { recursive: true, force: true });
  }
}
