import { ExchangeRejectedError, StaleOrderError } from '@trader/application';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import { createUpbitClient, UpbitCredentials } from '@trader/upbit';
import { randomUUID } from 'node:crypto';
import { CancelSample, FlowRun, OrderSample } from './flow-run';
import { runLoad, RestingOrders } from './load-schedule';
import { OrderPlan } from './order-plan';
import { SimAddresses } from './bench-exchange';
import { cancelsByReference, postsByIdentifier, rateLimitAnswers, simRequests } from './sim-requests';

export interface BaselineAccount {
  readonly accessKey: string;
  readonly secretKey: string;
}

function failure(error: unknown): string {
  if (error instanceof StaleOrderError) return 'stale';
  if (error instanceof ExchangeRejectedError) return `rejected:${error.exchangeName}`;
  return `error:${error instanceof Error ? error.name : String(error)}`;
}

/**
 * The exchange path alone: the same plan sent straight to the simulator by the real Upbit client
 * (its rate limiter, stale bound and retries, defaults as the trader uses them), on its own account,
 * with no store, saga or admin API in between. Orders go out concurrently, as the client allows.
 */
export async function baselineWorkload(sim: SimAddresses, account: BaselineAccount, plan: OrderPlan): Promise<FlowRun> {
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  const client = createUpbitClient(
    { clock, tasks },
    { restUrl: sim.restUrl, publicWsUrl: sim.wsUrl, privateWsUrl: sim.privateWsUrl, credentials: new UpbitCredentials(account.accessKey, account.secretKey) },
  );
  for (const component of client.components) await component.start();
  const orders: OrderSample[] = [];
  const cancels: CancelSample[] = [];
  const uuids = new Map<string, string>();
  const resting = new RestingOrders();
  let cancelsSkipped = 0;
  try {
    const { startedAt, endedAt } = await runLoad(plan, {
      order: async (planned) => {
        const sample: OrderSample = { orderId: randomUUID(), submittedAt: Date.now(), outcome: 'pending' };
        orders.push(sample);
        try {
          const result = await client.gateway.placeOrder({
            market: planned.market,
            side: planned.side === 'buy' ? 'bid' : 'ask',
            ordType: 'limit',
            price: planned.price,
            volume: planned.volume,
            identifier: sample.orderId,
            ...(planned.ioc ? { timeInForce: 'ioc' as const } : {}),
          });
          if (result.outcome === 'unknown') {
            sample.outcome = 'unknown';
            return;
          }
          sample.outcome = result.order.state;
          uuids.set(sample.orderId, result.order.uuid);
          if (planned.kind === 'resting' && result.order.state === 'wait') resting.accepted(sample.orderId);
        } catch (error) {
          sample.outcome = failure(error);
        }
      },
      cancel: async () => {
        const orderId = resting.takeOldest();
        const uuid = orderId === undefined ? undefined : uuids.get(orderId);
        if (orderId === undefined || uuid === undefined) {
          cancelsSkipped += 1;
          return;
        }
        const sample: CancelSample = { orderId, requestedAt: Date.now() };
        cancels.push(sample);
        await client.gateway.cancelOrder({ uuid });
        sample.confirmedAt = Date.now();
      },
    });
    const log = await simRequests(sim.adminUrl);
    const posts = postsByIdentifier(log);
    const deletes = cancelsByReference(log);
    for (const o of orders) o.receivedAt = posts.get(o.orderId)?.receivedAt;
    for (const c of cancels) c.receivedAt = deletes.get(uuids.get(c.orderId) ?? '')?.receivedAt;
    return { label: 'baseline: the Upbit client straight to the simulator', orders, cancels, cancelsSkipped, ...rateLimitAnswers(log), loadMs: endedAt - startedAt };
  } finally {
    for (const component of [...client.components].reverse()) await component.stop();
    await tasks.shutdown(2_000);
  }
}
