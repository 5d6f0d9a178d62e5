import { accountSchema, InvalidAccountNameError, isPgUrl, redactPgUrl } from '@trader/events';
import { defaultCandleStorePath } from '@trader/market-history';
import { dirname, extname, join, resolve } from 'node:path';
import { ConfigError } from './config.errors';
import { notificationSettings } from './notification-settings';
import { Secret } from './secret';
import { ExchangeSettings, MarketRecordingSettings, TelegramSettings, TraderConfig, TraderFaults, TraderMode, TracingSettings } from './trader-config';

type Environment = Readonly<Record<string, string | undefined>>;
/** Reads a secret from a file named by a `*_FILE` setting (bootstrap code, before the loop serves anything). */
export type SecretFileReader = (setting: string, path: string) => string;

export const defaultTraderPort = 8420;
export const defaultMarkets = ['KRW-BTC', 'KRW-ETH'];
/**
 * The in-process simulator opens, by default, into this moment of seed 1's model, where KRW-BTC/KRW-ETH
 * are selling off: a fresh `npm start` sees the reference strategy's RSI entry within minutes, as
 * it would on a real market only a few times a day (docs/simulator.md, "The first ten minutes").
 */
export const defaultSimulatorModelStart = '2026-03-01T18:25:00Z';
/**
 * The dashboard's build, `dist/dashboard` at the repository root, found from where this file runs:
 * dist/trader/apps/trader/src/config in the built trader, apps/trader/src/config under jest or swc-node.
 */
export const defaultDashboardDir = resolve(__dirname, extname(__filename) === '.js' ? '../../../../../../dist/dashboard' : '../../../../dist/dashboard');
export const telegramApiUrl = 'https://api.telegram.org';
export const upbitUrls = {
  restUrl: 'https://api.upbit.com/v1',
  wsUrl: 'wss://api.upbit.com/websocket/v1',
  privateWsUrl: 'wss://api.upbit.com/websocket/v1/private',
} as const;

/** Reads and validates the trader's settings. The only place that reads the environment. */
export function loadTraderConfig(env: Environment, readSecretFile: SecretFileReader = refuseSecretFiles): TraderConfig {
  const mode = oneOf<TraderMode>(env, 'TRADER_MODE', 'paper', ['paper', 'live']);
  const databasePath = database(env);
  const dataDir = dataDirectory(env, databasePath);
  const bot = telegram(env, readSecretFile);
  const port = integer(env, 'TRADER_PORT', defaultTraderPort, 0, 65_535);
  return {
    mode,
    host: host(env, 'TRADER_HOST', '127.0.0.1'),
    port,
    metricsPort: metricsPort(env, port),
    tracing: tracing(env),
    token: token(env, mode),
    publicDocs: oneOf(env, 'TRADER_PUBLIC_DOCS', '0', ['0', '1'] as const) === '1',
    dashboardDir: resolve(text(env, 'TRADER_DASHBOARD_DIR', defaultDashboardDir)),
    databasePath,
    account: account(env, databasePath),
    dataDir,
    historyPath: historyPath(env, databasePath),
    markets: markets(env),
    exchange: exchange(env, mode, readSecretFile),
    simulator: {
      seed: integer(env, 'TRADER_SIM_SEED', 1, 0, 0xffff_ffff),
      modelStart: modelStart(env, 'TRADER_SIM_MODEL_START', defaultSimulatorModelStart),
    },
    risk: {
      quoteCurrency: 'KRW',
      maxNotionalPerOrder: amount(env, 'TRADER_MAX_ORDER_KRW', '1000000'),
      maxPositionPerMarket: amount(env, 'TRADER_MAX_POSITION_KRW', '5000000'),
      maxOpenOrders: integer(env, 'TRADER_MAX_OPEN_ORDERS', 10, 1, 1_000),
      orderRate: { maxOrders: integer(env, 'TRADER_MAX_ORDERS_PER_SECOND', 8, 1, 100), perMs: 1_000 },
      maxDailyLoss: amount(env, 'TRADER_MAX_DAILY_LOSS_KRW', '500000'),
      maxDrawdownPercent: amount(env, 'TRADER_MAX_DRAWDOWN_PCT', '20'),
    },
    loopGuardMode: oneOf(env, 'TRADER_LOOP_GUARD', 'report', ['report', 'strict'] as const),
    logLevel: oneOf(env, 'TRADER_LOG_LEVEL', 'info', ['trace', 'debug', 'info', 'warn', 'error'] as const),
    shutdownTimeoutMs: integer(env, 'TRADER_SHUTDOWN_TIMEOUT_MS', 5_000, 100, 600_000),
    orderStaleMs: integer(env, 'TRADER_ORDER_STALE_MS', 3_000, 100, 60_000),
    recording: recording(env, mode, dataDir),
    faults: faults(env, mode),
    telegram: bot,
    notifications: notificationSettings(env, bot, (setting) => secret(env, setting, readSecretFile), (setting) => url(env, setting, ['http:', 'https:'], { mayHoldSecret: true })),
  };
}

/**
 * The bot's token is checked for the shape BotFather issues (`<bot id>:<secret>`), so a pasted chat id
 * or a stray quote fails at start-up, not on the first poll. Commands need both a token and the chats
 * allowed to give them: a bot that obeys anyone who finds it is never the default.
 */
function telegram(env: Environment, readSecretFile: SecretFileReader): TelegramSettings {
  const botToken = secret(env, 'TRADER_TELEGRAM_BOT_TOKEN', readSecretFile);
  if (botToken && !/^\d+:[A-Za-z0-9_-]{20,}$/.test(botToken.reveal())) {
    throw new ConfigError('TRADER_TELEGRAM_BOT_TOKEN', '[redacted]', 'expected a bot token from BotFather, such as 123456789:AAE...');
  }
  const rawChatIds = env['TRADER_TELEGRAM_CHAT_IDS'] ?? '';
  const chatIds = rawChatIds.trim() === '' ? [] : rawChatIds.split(',').map((id) => id.trim());
  for (const id of chatIds) {
    if (!/^-?[1-9]\d{0,15}$/.test(id)) throw new ConfigError('TRADER_TELEGRAM_CHAT_IDS', rawChatIds, `"${id}" is not a chat id such as 123456789 or -1001234567890`);
  }
  if (new Set(chatIds).size !== chatIds.length) throw new ConfigError('TRADER_TELEGRAM_CHAT_IDS', rawChatIds, 'a chat id is listed twice');
  const commands = oneOf(env, 'TRADER_TELEGRAM_COMMANDS', '0', ['0', '1'] as const) === '1';
  if (commands && !botToken) throw new ConfigError('TRADER_TELEGRAM_COMMANDS', '1', 'commands need a bot: set TRADER_TELEGRAM_BOT_TOKEN or TRADER_TELEGRAM_BOT_TOKEN_FILE');
  if (commands && chatIds.length === 0) throw new ConfigError('TRADER_TELEGRAM_COMMANDS', '1', 'commands need the chats allowed to give them: set TRADER_TELEGRAM_CHAT_IDS');
  return { botToken, chatIds, apiUrl: url(env, 'TRADER_TELEGRAM_API_URL', ['http:', 'https:']) ?? telegramApiUrl, commands };
}

/**
 * `TRADER_DB`: a SQLite file, or a `postgres://` / `postgresql://` URL. A refused URL is shown without
 * its password (it may be one an operator pasted whole into the environment).
 */
function database(env: Environment): string {
  const location = text(env, 'TRADER_DB', './data/trader.db');
  if (!isPgUrl(location)) return location;
  let parsed: URL;
  try {
    parsed = new URL(location);
  } catch {
    throw new ConfigError('TRADER_DB', redactPgUrl(location), 'expected a URL such as postgres://user:password@host:5432/database');
  }
  if (parsed.hostname === '' && !parsed.searchParams.has('host')) throw new ConfigError('TRADER_DB', redactPgUrl(location), 'the URL names no host, e.g. postgres://user:password@127.0.0.1:5432/trader');
  return location;
}

/**
 * `TRADER_ACCOUNT`: the account a PostgreSQL trader trades, whose tables live in the schema
 * `trader_<account>` (several accounts share one database). With SQLite each file is one account, so
 * another name would separate nothing: it is refused rather than silently ignored.
 */
function account(env: Environment, databasePath: string): string {
  const name = text(env, 'TRADER_ACCOUNT', 'default');
  try {
    accountSchema(name);
  } catch (error) {
    if (error instanceof InvalidAccountNameError) throw new ConfigError('TRADER_ACCOUNT', name, error.message);
    throw error;
  }
  if (name !== 'default' && !isPgUrl(databasePath)) {
    throw new ConfigError('TRADER_ACCOUNT', name, 'accounts are schemas of a PostgreSQL TRADER_DB; with SQLite, give each account its own TRADER_DB file');
  }
  return name;
}

/**
 * `TRADER_DATA_DIR`: where the trader's own files go (market recording, backtest results, a generated
 * admin token). By default the directory of a SQLite TRADER_DB, as before the setting existed; with a
 * PostgreSQL TRADER_DB, which has no directory, `./data`.
 */
function dataDirectory(env: Environment, databasePath: string): string {
  const dir = text(env, 'TRADER_DATA_DIR', isPgUrl(databasePath) ? './data' : dirname(databasePath));
  if ([...dir].some((char) => char < ' ')) throw new ConfigError('TRADER_DATA_DIR', dir, 'expected a directory path');
  return dir;
}

/**
 * Paper trading records by default (the simulator's market, for replays and parity checks); live
 * trading only when asked. The recording has its own file, in the data directory by default, so
 * what the simulator produced never mixes with candles downloaded from Upbit.
 */
function recording(env: Environment, mode: TraderMode, dataDir: string): MarketRecordingSettings | null {
  const enabled = oneOf(env, 'TRADER_RECORD_MARKET', mode === 'paper' ? '1' : '0', ['0', '1'] as const) === '1';
  if (!enabled) return null;
  return { path: text(env, 'TRADER_RECORDING_DB', join(dataDir, 'recorded-market.sqlite')) };
}

const knownFaults = ['record-after-post'] as const;

/** `TRADER_FAULTS=record-after-post:0.5`: a test hook, so a live trader refuses to start with it. */
function faults(env: Environment, mode: TraderMode): TraderFaults | null {
  const raw = env['TRADER_FAULTS'];
  if (raw === undefined || raw.trim() === '') {
    if (env['TRADER_FAULTS_SEED']) throw new ConfigError('TRADER_FAULTS_SEED', env['TRADER_FAULTS_SEED'], 'a seed without TRADER_FAULTS injects nothing');
    return null;
  }
  if (mode !== 'paper') throw new ConfigError('TRADER_FAULTS', raw, 'fault injection is for testing; it runs only with TRADER_MODE=paper');
  const probabilities = new Map<string, number>();
  for (const entry of raw.split(',').map((e) => e.trim())) {
    const match = /^([a-z-]+):(.*)$/.exec(entry);
    if (!match?.[1] || match[2] === undefined) throw new ConfigError('TRADER_FAULTS', raw, 'expected <fault>:<probability>, e.g. record-after-post:0.5');
    const [, name, probability] = match;
    if (!(knownFaults as readonly string[]).includes(name)) throw new ConfigError('TRADER_FAULTS', raw, `unknown fault "${name}"; known: ${knownFaults.join(', ')}`);
    if (probabilities.has(name)) throw new ConfigError('TRADER_FAULTS', raw, `${name} is listed twice`);
    if (!/^(0|1)(\.\d+)?$/.test(probability) || Number(probability) > 1) throw new ConfigError('TRADER_FAULTS', raw, `"${probability}" is not a probability from 0 to 1`);
    probabilities.set(name, Number(probability));
  }
  const seed = env['TRADER_FAULTS_SEED'];
  return {
    recordAfterPost: probabilities.get('record-after-post') ?? 0,
    seed: seed === undefined || seed === '' ? null : integer(env, 'TRADER_FAULTS_SEED', 0, 0, 0xffff_ffff),
  };
}

function exchange(env: Environment, mode: TraderMode, readSecretFile: SecretFileReader): ExchangeSettings {
  const restUrl = url(env, 'UPBIT_REST_URL', ['http:', 'https:']);
  const wsUrl = url(env, 'UPBIT_WS_URL', ['ws:', 'wss:']);
  const privateWsUrl = url(env, 'UPBIT_PRIVATE_WS_URL', ['ws:', 'wss:']);
  const accessKey = secret(env, 'UPBIT_ACCESS_KEY', readSecretFile);
  const secretKey = secret(env, 'UPBIT_SECRET_KEY', readSecretFile);
  if (mode === 'paper') return { restUrl, wsUrl, privateWsUrl: privateWsUrl ?? (wsUrl ? `${wsUrl}/private` : null), accessKey, secretKey };
  if (!accessKey) throw new ConfigError('UPBIT_ACCESS_KEY', '', 'live mode needs API keys (UPBIT_ACCESS_KEY or UPBIT_ACCESS_KEY_FILE)');
  if (!secretKey) throw new ConfigError('UPBIT_SECRET_KEY', '', 'live mode needs API keys (UPBIT_SECRET_KEY or UPBIT_SECRET_KEY_FILE)');
  return {
    restUrl: restUrl ?? upbitUrls.restUrl,
    wsUrl: wsUrl ?? upbitUrls.wsUrl,
    privateWsUrl: privateWsUrl ?? (wsUrl ? `${wsUrl}/private` : upbitUrls.privateWsUrl),
    accessKey,
    secretKey,
  };
}

function token(env: Environment, mode: TraderMode): Secret | null {
  const raw = env['TRADER_TOKEN'];
  if (raw === undefined || raw === '') {
    // A generated token lives in a file or on a terminal; with real money, the operator chooses it.
    if (mode === 'live') throw new ConfigError('TRADER_TOKEN', '', 'live mode needs an admin token you chose (at least 16 characters)');
    return null;
  }
  if (raw.length < 16) throw new ConfigError('TRADER_TOKEN', '[redacted]', 'expected at least 16 characters');
  return new Secret(raw);
}

function secret(env: Environment, setting: string, readSecretFile: SecretFileReader): Secret | null {
  const direct = env[setting];
  const file = env[`${setting}_FILE`];
  if (direct && file) throw new ConfigError(setting, '[redacted]', `set ${setting} or ${setting}_FILE, not both`);
  if (direct) return new Secret(direct);
  if (!file) return null;
  const value = readSecretFile(`${setting}_FILE`, file).trim();
  if (value === '') throw new ConfigError(`${setting}_FILE`, file, 'the file is empty');
  return new Secret(value);
}

/** Unset: no listener of its own. The main port cannot be shared (one of the two would fail to bind). */
function metricsPort(env: Environment, mainPort: number): number | null {
  const raw = env['TRADER_METRICS_PORT'];
  if (raw === undefined || raw === '') return null;
  const port = integer(env, 'TRADER_METRICS_PORT', 0, 0, 65_535);
  if (port !== 0 && port === mainPort) throw new ConfigError('TRADER_METRICS_PORT', raw, `is the main port (TRADER_PORT ${mainPort}); choose another port, or leave it unset to scrape the main port with the token`);
  return port;
}

/** The standard OpenTelemetry variables (so collectors' docs apply as they are); unset: no tracing. */
function tracing(env: Environment): TracingSettings | null {
  const endpoint = url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']);
  if (endpoint === null) return null;
  const serviceName = text(env, 'OTEL_SERVICE_NAME', 'upbit-trader');
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(serviceName)) throw new ConfigError('OTEL_SERVICE_NAME', serviceName, 'expected letters, digits, dots, dashes or underscores');
  return { endpoint, serviceName };
}

function markets(env: Environment): string[] {
  const raw = env['TRADER_MARKETS'];
  if (raw === undefined || raw === '') return [...defaultMarkets];
  const list = raw.split(',').map((m) => m.trim());
  for (const market of list) {
    if (!/^(KRW|BTC|USDT)-[A-Z0-9]{1,10}$/.test(market)) throw new ConfigError('TRADER_MARKETS', raw, `"${market}" is not a market code such as KRW-BTC`);
  }
  if (new Set(list).size !== list.length) throw new ConfigError('TRADER_MARKETS', raw, 'a market is listed twice');
  return list;
}

/** `mayHoldSecret`: a webhook URL's path or query may carry a token, so a refusal does not echo it. */
function url(env: Environment, setting: string, protocols: readonly string[], options: { mayHoldSecret?: boolean } = {}): string | null {
  const raw = env[setting];
  if (raw === undefined || raw === '') return null;
  const shown = options.mayHoldSecret ? '[redacted]' : raw;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(setting, shown, 'expected a URL');
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(setting, shown, `expected a ${protocols.join(' or ')} URL`);
  return raw.replace(/\/$/, '');
}

function amount(env: Environment, setting: string, fallback: string): string {
  const raw = env[setting];
  if (raw === undefined || raw === '') return fallback;
  if (!/^(0|[1-9]\d*)(\.\d+)?$/.test(raw.trim()) || Number(raw) <= 0) throw new ConfigError(setting, raw, 'expected a positive decimal number');
  return raw.trim();
}

/**
 * The candle store backtests read (TRADER_HISTORY_DB). It must not be the trader's own event store:
 * market history and backtests stay out of the live store.
 */
function historyPath(env: Environment, databasePath: string): string {
  const path = text(env, 'TRADER_HISTORY_DB', defaultCandleStorePath);
  if ([...path].some((char) => char < ' ') || path.endsWith('/')) throw new ConfigError('TRADER_HISTORY_DB', path, 'expected the path of a SQLite file');
  if (!isPgUrl(databasePath) && resolve(path) === resolve(databasePath)) throw new ConfigError('TRADER_HISTORY_DB', path, 'is the trader\'s event store (TRADER_DB); the candle store is a file of its own');
  return path;
}

function text(env: Environment, setting: string, fallback: string): string {
  const raw = env[setting];
  return raw === undefined || raw.trim() === '' ? fallback : raw.trim();
}

function integer(env: Environment, setting: string, fallback: number, min: number, max: number): number {
  const raw = env[setting];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(setting, raw, 'expected a whole number');
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(setting, raw, `expected a number from ${min} to ${max}`);
  return value;
}

/** An ISO 8601 time with its zone, or `now` (null: the calendar's own moment). */
function modelStart(env: Environment, setting: string, fallback: string): number | null {
  const raw = (env[setting] ?? '').trim() || fallback;
  if (raw === 'now') return null;
  const ms = /(?:Z|[+-]\d{2}:\d{2})$/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) throw new ConfigError(setting, raw, 'expected an ISO 8601 time with a zone, e.g. 2026-03-01T00:00:00Z, or now');
  return ms;
}

function oneOf<T extends string>(env: Environment, setting: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[setting];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(setting, raw, `expected one of ${allowed.join(', ')}`);
  return raw as T;
}

function host(env: Environment, setting: string, fallback: string): string {
  const raw = env[setting];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[A-Za-z0-9.:-]+$/.test(raw)) throw new ConfigError(setting, raw, 'expected a host name or IP address');
  return raw;
}

function refuseSecretFiles(setting: string): never {
  throw new ConfigError(setting, '', 'reading secret files is not available here');
}
