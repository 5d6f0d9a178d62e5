import { STRATEGY_DECIDED } from '@trader/application';
import type { BacktestOptions, MarketHistory, RecordedOrderFills, StrategyDecidedData } from '@trader/application';
import { Dec } from '@trader/domain';
import type { RiskLimits, StrategyDefinition } from '@trader/domain';
import type { EventLog } from '@trader/events';
import { CliUsageError } from '../cli/cli-output';
import { eventDatabaseLabel, openEventLogReader } from '../cli/event-database/event-log-reader.bootstrap';
import { runBacktest } from './run-backtest';

/** One decision, reduced to what must be the same live and in the replay. */
export interface DecisionKey {
  readonly market: string;
  readonly tickAt: number;
  readonly action: string;
  readonly ruleId: string;
  readonly price: string;
}

export interface DecisionDiff {
  readonly live: readonly DecisionKey[];
  readonly replay: readonly DecisionKey[];
  /** Decisions only one side made, or made differently, in time order. */
  readonly divergent: readonly { readonly live: DecisionKey | null; readonly replay: DecisionKey | null }[];
}

export interface ReplaySessionRequest {
  /** The live (paper) trader's event store: its SQLite file or PostgreSQL URL. */
  readonly livePath: string;
  /** With a PostgreSQL `livePath`, the trader's account (TRADER_ACCOUNT); default `default`. */
  readonly liveAccount?: string;
  /** What the trader recorded of the market (`data/recorded-market.sqlite`). */
  readonly recording: MarketHistory;
  readonly strategyId: string;
  readonly from: number;
  readonly to: number;
  readonly initialQuote: string;
  readonly feeRate: string;
  readonly risk: RiskLimits;
}

/**
 * Replays what a live (paper) session received through the backtest engine and compares, decision by
 * decision, what the strategy decided in both. The replay runs on the recorded trades (not candles), warms
 * up on the recorded candles closed before `from`, and starts acting when the live session started
 * trading (its latest TradingStarted before `to`, or `from` if that came earlier), as the live runner
 * waited for the start-up reconciliation. Decisions are compared on market, trade time, action, rule and price; which order
 * outcome followed is not compared (a live fill and a simulated one differ by design).
 */
export async function replaySession(request: ReplaySessionRequest): Promise<DecisionDiff> {
  const reader = await openEventLogReader(request.livePath, request.liveAccount ?? 'default');
  if (!reader) throw new CliUsageError(`the live event store ${eventDatabaseLabel(request.livePath, request.liveAccount ?? 'default')} does not exist`);
  let live: LiveSession;
  try {
    live = readLive(reader.store, reader.label, request.strategyId, request.from, request.to);
  } finally {
    reader.close();
  }
  const options: BacktestOptions = {
    strategy: live.strategy,
    markets: [...live.strategy.markets],
    from: request.from,
    to: request.to,
    initialQuote: request.initialQuote,
    feeRate: request.feeRate,
    slippageBps: 0,
    risk: request.risk,
    source: 'trades',
    activeFrom: live.tradingStartedAt,
    recordedFills: live.fills,
    equityIntervalMs: 60_000,
  };
  const { decisions } = await runReplay(options, request.recording);
  return diffDecisions(live.decisions, decisions.filter((d) => d.tickAt >= live.tradingStartedAt));
}

async function runReplay(options: BacktestOptions, history: MarketHistory): Promise<{ decisions: DecisionKey[] }> {
  const decisions: DecisionKey[] = [];
  await runBacktest({ ...options, onDecision: (data) => decisions.push(keyOf(data)) }, history);
  return { decisions };
}

interface LiveSession {
  readonly strategy: StrategyDefinition;
  readonly tradingStartedAt: number;
  readonly decisions: DecisionKey[];
  /** Per market, the strategy's orders in the range in submission order, with the fills each got. */
  readonly fills: Map<string, RecordedOrderFills[]>;
}

function readLive(store: EventLog, label: string, strategyId: string, from: number, to: number): LiveSession {
  let strategy: StrategyDefinition | null = null;
  let tradingStartedAt: number | null = null;
  const decisions: DecisionKey[] = [];
  const decisionIds = new Set<string>();
  const orders = new Map<string, { market: string; fills: { price: Dec; volume: Dec }[] }>();
  const fills = new Map<string, RecordedOrderFills[]>();
  for (const event of store.readAll(1)) {
    if (event.type === 'OrderSubmitted' && event.metadata.correlationId && decisionIds.has(event.metadata.correlationId)) {
      const order = event.data as { orderId: string; market: string; side: 'buy' | 'sell' };
      const entry = { side: order.side === 'buy' ? ('bid' as const) : ('ask' as const), fills: [] as { price: Dec; volume: Dec }[] };
      orders.set(order.orderId, { market: order.market, fills: entry.fills });
      fills.set(order.market, [...(fills.get(order.market) ?? []), entry]);
    }
    if (event.type === 'OrderFilled') {
      const fill = event.data as { orderId: string; price: string; volume: string };
      orders.get(fill.orderId)?.fills.push({ price: new Dec(fill.price), volume: new Dec(fill.volume) });
    }
    const data = event.data as { at?: number; definition?: StrategyDefinition };
    if ((event.type === 'StrategyDefined' || event.type === 'StrategyRevised') && data.definition?.id === strategyId && (data.at ?? 0) < to) strategy = data.definition;
    // The session's latest start before the end of the range: trading was on from then (or from `from`).
    if (event.type === 'TradingStarted' && (data.at ?? 0) < to) tradingStartedAt = Math.max(from, data.at ?? 0);
    if (event.type === STRATEGY_DECIDED) {
      const decided = event.data as StrategyDecidedData;
      const at = decided.tickAt ?? decided.at;
      if (decided.strategyId === strategyId && at >= from && at < to) {
        decisions.push(keyOf(decided));
        decisionIds.add(event.eventId);
      }
    }
  }
  if (!strategy) throw new CliUsageError(`strategy ${strategyId} is not defined in ${label}`);
  if (tradingStartedAt === null) throw new CliUsageError(`the session in ${label} never started trading before ${new Date(to).toISOString()}`);
  return { strategy, tradingStartedAt, decisions: decisions.filter((d) => d.tickAt >= (tradingStartedAt as number)), fills };
}

function keyOf(data: StrategyDecidedData): DecisionKey {
  return { market: data.market, tickAt: data.tickAt ?? data.at, action: data.decision.action, ruleId: data.decision.ruleId, price: data.price };
}

const same = (a: DecisionKey, b: DecisionKey): boolean => a.market === b.market && a.tickAt === b.tickAt && a.action === b.action && a.ruleId === b.ruleId && a.price === b.price;

/** Pairs decisions in time order; whatever does not pair is divergent. */
export function diffDecisions(live: readonly DecisionKey[], replay: readonly DecisionKey[]): DecisionDiff {
  const divergent: { live: DecisionKey | null; replay: DecisionKey | null }[] = [];
  let i = 0;
  let j = 0;
  while (i < live.length || j < replay.length) {
    const a = live[i];
    const b = replay[j];
    if (a && b && same(a, b)) {
      i += 1;
      j += 1;
    } else if (a && (!b || a.tickAt < b.tickAt || (a.tickAt === b.tickAt && a.market <= b.market))) {
      divergent.push({ live: a, replay: null });
      i += 1;
    } else if (b) {
      divergent.push({ live: null, replay: b });
      j += 1;
    }
  }
  return { live, replay, divergent };
}
