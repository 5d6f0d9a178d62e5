import type { RiskLimits } from '@trader/domain';
import type { LoopGuardMode } from '@trader/runtime';
import type { NotificationSettings } from './notification-settings';
import { Secret } from './secret';

export type TraderMode = 'paper' | 'live';

/** Where the exchange is. Without URLs (paper mode by default) the trader starts the simulator in-process. */
export interface ExchangeSettings {
  readonly restUrl: string | null;
  readonly wsUrl: string | null;
  readonly privateWsUrl: string | null;
  readonly accessKey: Secret | null;
  readonly secretKey: Secret | null;
}

/**
 * Faults the trader injects into itself, for chaos and restart tests in paper mode only
 * (`TRADER_FAULTS`). Each is a probability from 0 to 1.
 */
export interface TraderFaults {
  /** The first time the trader records an order's OrderAccepted (after the POST), the append fails as a full lane would. */
  readonly recordAfterPost: number;
  /** Seeds the draws (`TRADER_FAULTS_SEED`); null: a random seed, logged at start-up. */
  readonly seed: number | null;
}

/**
 * Recording of the market data trading receives (public trades, and the candles built of each enabled
 * strategy's timeframe) for backtest replays and live parity checks.
 */
export interface MarketRecordingSettings {
  /** Its own SQLite file (`TRADER_RECORDING_DB`; by default recorded-market.sqlite in TRADER_DATA_DIR). */
  readonly path: string;
}

/** The in-process simulator's market (paper mode without exchange URLs). */
export interface SimulatorSettings {
  /** `TRADER_SIM_SEED` (default 1). */
  readonly seed: number;
  /**
   * `TRADER_SIM_MODEL_START`: the moment of the simulator's price model its market opens into (ms);
   * null (`now`) for the calendar's own moment.
   */
  readonly modelStart: number | null;
}

/** The Telegram bot the operator commands the trader through (docs/operator-guide.md, "Telegram commands"). */
export interface TelegramSettings {
  /** `TRADER_TELEGRAM_BOT_TOKEN` or `TRADER_TELEGRAM_BOT_TOKEN_FILE`; null: no bot. */
  readonly botToken: Secret | null;
  /** `TRADER_TELEGRAM_CHAT_IDS`: the only chats whose commands are obeyed. */
  readonly chatIds: readonly string[];
  /** `TRADER_TELEGRAM_API_URL` (default https://api.telegram.org), without a trailing slash. */
  readonly apiUrl: string;
  /** `TRADER_TELEGRAM_COMMANDS=1`: poll the bot for commands (off by default). */
  readonly commands: boolean;
}

/** OpenTelemetry tracing, on when `OTEL_EXPORTER_OTLP_ENDPOINT` is set. */
export interface TracingSettings {
  /** The collector's base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<endpoint>/v1/traces` over OTLP/HTTP. */
  readonly endpoint: string;
  /** `OTEL_SERVICE_NAME` (default `upbit-trader`). */
  readonly serviceName: string;
}

/** Everything the trader reads from its environment, validated once at start-up. */
export interface TraderConfig {
  readonly mode: TraderMode;
  readonly host: string;
  readonly port: number;
  /**
   * `TRADER_METRICS_PORT`: a second listener, on 127.0.0.1 only and without the token, serving
   * /metrics (0 picks a free port); null (unset): /metrics only on the main port, behind the token.
   */
  readonly metricsPort: number | null;
  /** Traces over OTLP/HTTP; null (no `OTEL_EXPORTER_OTLP_ENDPOINT`): no tracing at all. */
  readonly tracing: TracingSettings | null;
  /** The admin API's bearer token; null (paper mode only) means: generate one for this run. */
  readonly token: Secret | null;
  /** Serve /api/docs and its OpenAPI JSON without the token (TRADER_PUBLIC_DOCS=1); by default they need it. */
  readonly publicDocs: boolean;
  /** The dashboard's built files, served at / (TRADER_DASHBOARD_DIR, default dist/dashboard of the checkout); absolute. */
  readonly dashboardDir: string;
  /**
   * `TRADER_DB`: the event store's SQLite file, or a `postgres://` URL. A URL may hold a password: show
   * it only through `redactPgUrl` (logs, errors, doctor, API answers).
   */
  readonly databasePath: string;
  /** `TRADER_ACCOUNT` (default `default`): with PostgreSQL, the schema `trader_<account>`; always `default` with SQLite. */
  readonly account: string;
  /**
   * `TRADER_DATA_DIR`: the trader's own files (recording, backtests, a generated admin token). Default:
   * the directory of a SQLite TRADER_DB, `./data` with PostgreSQL.
   */
  readonly dataDir: string;
  /** The candle store backtests read (TRADER_HISTORY_DB, default data/candles.sqlite). */
  readonly historyPath: string;
  readonly markets: readonly string[];
  readonly exchange: ExchangeSettings;
  readonly simulator: SimulatorSettings;
  readonly risk: RiskLimits;
  readonly loopGuardMode: LoopGuardMode;
  /** pino level: trace, debug, info, warn, error. */
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  readonly shutdownTimeoutMs: number;
  /** How long an order may wait for Upbit's rate limit before it is refused as stale, never sent late. */
  readonly orderStaleMs: number;
  /** `TRADER_RECORD_MARKET=1` (the default in paper mode; 0 in live): where to record; null: no recording. */
  readonly recording: MarketRecordingSettings | null;
  /** Injected faults for testing; null (the default) injects none. */
  readonly faults: TraderFaults | null;
  /** Telegram, Discord and webhook notifications, and the daily summary (docs/operator-guide.md, Notifications). */
  readonly notifications: NotificationSettings;
  readonly telegram: TelegramSettings;
}
