// Order flow at Upbit's order rate (issue 10, point 13). `npm run bench:order-flow` builds the trader,
// starts the simulator in a child process and the built trader against it, then sends the same steady
// load twice: straight to the simulator through the Upbit client (the baseline: the exchange path
// alone), then through the trader's admin API. 60 s per run, `-- --quick` 15 s. See
// docs/benchmarks/order-flow.md. Ends with one machine-readable line.
import 'reflect-metadata';
import { defaultRateLimiterSettings, upbitRateLimits } from '@trader/upbit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineWorkload } from './baseline.workload';
import { BENCH_ACCOUNTS, BENCH_MARKETS, startBenchExchange } from './bench-exchange';
import { startBenchTrader } from './bench-trader';
import { adminAnswerMs, cancelConfirmedMs, cancelStoredToExchangeMs, cancelToExchangeMs, FlowRun, outcomeCounts, quantile, sendStartedToExchangeMs, storedToExchangeMs, submitToExchangeMs } from './flow-run';
import { orderPlan, readQuotes } from './order-plan';
import { clearSimRequests } from './sim-requests';
import { traderWorkload } from './trader.workload';

const CANCELS_PER_SECOND = 2;
const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');

function summary(run: FlowRun): Record<string, number> {
  const submit = submitToExchangeMs(run);
  const counts = outcomeCounts(run);
  return {
    orders: run.orders.length,
    reached: submit.length,
    receivedPerSecond: submit.length / (run.loadMs / 1000),
    stale: counts.get('stale') ?? 0,
    p50: quantile(submit, 0.5),
    p99: quantile(submit, 0.99),
    max: submit.length ? Math.max(...submit) : Number.NaN,
    cancels: run.cancels.length,
    cancelP99: quantile(cancelToExchangeMs(run), 0.99),
    cancelMax: Math.max(...cancelToExchangeMs(run)),
    confirmedP99: quantile(cancelConfirmedMs(run), 0.99),
  };
}

function describe(run: FlowRun): string {
  const s = summary(run);
  const outcomes = [...outcomeCounts(run)].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `${run.label}`,
    `  orders ${s.orders} over ${(run.loadMs / 1000).toFixed(1)} s; reached the exchange ${s.reached} (${s.receivedPerSecond.toFixed(2)}/s); outcomes: ${outcomes}`,
    `  submit -> exchange receipt ms: p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`,
    ...(run.orders.some((o) => o.answeredAt !== undefined)
      ? [
          `  admin POST answered ms: p50 ${ms(quantile(adminAnswerMs(run), 0.5))}, p99 ${ms(quantile(adminAnswerMs(run), 0.99))}; ` +
            `trader's stored submission -> exchange receipt ms: p50 ${ms(quantile(storedToExchangeMs(run), 0.5))}, p99 ${ms(quantile(storedToExchangeMs(run), 0.99))}, max ${ms(Math.max(...storedToExchangeMs(run)))}`,
          `  OrderSendStarted -> exchange receipt ms: p50 ${ms(quantile(sendStartedToExchangeMs(run), 0.5))}, p99 ${ms(quantile(sendStartedToExchangeMs(run), 0.99))}; ` +
            `OrderCancelRequested stored -> DELETE receipt ms: p50 ${ms(quantile(cancelStoredToExchangeMs(run), 0.5))}, p99 ${ms(quantile(cancelStoredToExchangeMs(run), 0.99))}`,
        ]
      : []),
    `  cancels ${s.cancels} (skipped, nothing to cancel: ${run.cancelsSkipped}); cancel -> exchange receipt p99 ${ms(s.cancelP99)} max ${ms(s.cancelMax)}; -> confirmed p99 ${ms(s.confirmedP99)}`,
    `  HTTP 429 answered ${run.tooMany}, 418 ${run.blocked}`,
    ...(run.unresolvedAfterLoad !== undefined ? [`  orders still submitted/unknown 10 s after the load: ${run.unresolvedAfterLoad}`] : []),
    ...(run.readModelLagEvents !== undefined ? [`  read models 5 s after the load: lag ${run.readModelLagEvents} events (${run.readModelLagDetail ?? ''})`] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const durationMs = quick ? 15_000 : 60_000;
  // Upbit's `order` group (upbit-api.md §3: 12/s since 2026-08-21, 8/s before), as the client's table holds it.
  const orderLimit = upbitRateLimits.order.windows[0];
  const ordersPerSecond = (orderLimit.limit * 1000) / orderLimit.windowMs;
  const clientBudget = Math.max(1, Math.floor(orderLimit.limit * defaultRateLimiterSettings.safetyMargin));
  const log = (line: string): boolean => process.stderr.write(`${line}\n`);
  console.log(`order rate: ${ordersPerSecond}/s (Upbit's documented order limit, upbit-api.md §3); cancels ${CANCELS_PER_SECOND}/s; ${durationMs / 1000} s per run; markets ${BENCH_MARKETS.join(', ')}`);
  console.log(
    `client rate budget for orders: ${clientBudget} per ${orderLimit.windowMs + defaultRateLimiterSettings.windowPaddingMs} ms after answers (safety margin ${defaultRateLimiterSettings.safetyMargin}, padding ${defaultRateLimiterSettings.windowPaddingMs} ms)`,
  );

  const exchange = await startBenchExchange();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-order-flow-'));
  try {
    const quotes = await readQuotes(exchange.restUrl, BENCH_MARKETS);
    const plan = orderPlan(quotes, { ordersPerSecond, cancelsPerSecond: CANCELS_PER_SECOND, durationMs });
    log('starting the trader ...');
    const trader = await startBenchTrader(exchange, BENCH_ACCOUNTS[0], dataDir);
    try {
      await clearSimRequests(exchange.adminUrl);
      log('baseline run (Upbit client straight to the simulator) ...');
      const baseline = await baselineWorkload(exchange, BENCH_ACCOUNTS[1], plan);
      await clearSimRequests(exchange.adminUrl);
      log('trader run (admin API) ...');
      const run = await traderWorkload(trader, exchange, plan);
      console.log(describe(baseline));
      console.log(describe(run));
      const b = summary(baseline);
      const t = summary(run);
      console.log(
        `ratios trader/baseline: submit->exchange p50 ${(t.p50 / b.p50).toFixed(2)}, p99 ${(t.p99 / b.p99).toFixed(2)}; cancel->exchange p99 ${(t.cancelP99 / b.cancelP99).toFixed(2)}; orders reaching the exchange ${(t.reached / b.reached).toFixed(2)}`,
      );
      console.log(
        [
          `orders_per_s=${ordersPerSecond}`,
          `order_submit_to_exchange_p50_ms=${ms(t.p50)}`,
          `order_submit_to_exchange_p99_ms=${ms(t.p99)}`,
          `order_submit_to_exchange_max_ms=${ms(t.max)}`,
          `cancel_p99_ms=${ms(t.cancelP99)}`,
          `cancel_confirmed_p99_ms=${ms(t.confirmedP99)}`,
          `stale_refused=${t.stale}`,
          `http_429=${run.tooMany}`,
          `unresolved_after_10s=${run.unresolvedAfterLoad ?? 'n/a'}`,
          `read_model_lag_events=${run.readModelLagEvents ?? 'n/a'}`,
          `baseline_submit_p99_ms=${ms(b.p99)}`,
          `baseline_stale_refused=${b.stale}`,
          `p99_vs_baseline=${(t.p99 / b.p99).toFixed(2)}`,
        ].join(' '),
      );
    } catch (error) {
      log(`trader output (tail):\n${trader.outputTail()}`);
      throw error;
    } finally {
      await trader.stop();
    }
  } finally {
    await exchange.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
