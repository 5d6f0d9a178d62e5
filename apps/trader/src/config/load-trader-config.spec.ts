import { inspect } from 'node:util';
import { ConfigError } from './config.errors';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultDashboardDir, defaultSimulatorModelStart, defaultTraderPort, loadTraderConfig, upbitUrls } from './load-trader-config';

describe('loadTraderConfig', () => {
  it('runs on embedded defaults: paper trading on the in-process simulator, loopback only', () => {
    expect(loadTraderConfig({})).toEqual(
      expect.objectContaining({
        mode: 'paper',
        host: '127.0.0.1',
        port: defaultTraderPort,
        metricsPort: null,
        tracing: null,
        token: null,
        publicDocs: false,
        databasePath: './data/trader.db',
        historyPath: 'data/candles.sqlite',
        markets: ['KRW-BTC', 'KRW-ETH'],
        exchange: { restUrl: null, wsUrl: null, privateWsUrl: null, accessKey: null, secretKey: null },
        loopGuardMode: 'report',
        logLevel: 'info',
        shutdownTimeoutMs: 5_000,
        orderStaleMs: 3_000,
        faults: null,
        simulator: { seed: 1, modelStart: Date.parse(defaultSimulatorModelStart) },
      }),
    );
    expect(loadTraderConfig({}).risk).toEqual(expect.objectContaining({ quoteCurrency: 'KRW', maxNotionalPerOrder: '1000000', maxOpenOrders: 10 }));
  });

  it('takes valid settings from the environment', () => {
    const config = loadTraderConfig({
      TRADER_PORT: '0',
      TRADER_HOST: '::1',
      TRADER_LOOP_GUARD: 'strict',
      TRADER_MARKETS: 'KRW-XRP, KRW-SOL',
      TRADER_DB: '/tmp/x.db',
      UPBIT_REST_URL: 'http://127.0.0.1:9000/v1/',
      UPBIT_WS_URL: 'ws://127.0.0.1:9000/websocket/v1',
      TRADER_MAX_ORDER_KRW: '250000.5',
      TRADER_ORDER_STALE_MS: '1500',
    });
    expect(config).toEqual(
      expect.objectContaining({ port: 0, host: '::1', loopGuardMode: 'strict', markets: ['KRW-XRP', 'KRW-SOL'], databasePath: '/tmp/x.db', orderStaleMs: 1_500 }),
    );
    expect(config.exchange).toEqual(
      expect.objectContaining({ restUrl: 'http://127.0.0.1:9000/v1', wsUrl: 'ws://127.0.0.1:9000/websocket/v1', privateWsUrl: 'ws://127.0.0.1:9000/websocket/v1/private' }),
    );
    expect(config.risk.maxNotionalPerOrder).toBe('250000.5');
  });

  it('serves the dashboard from dist/dashboard of the checkout, or from TRADER_DASHBOARD_DIR', () => {
    const repositoryRoot = resolve(defaultDashboardDir, '../..');
    expect(existsSync(resolve(repositoryRoot, 'nx.json'))).toBe(true);
    expect(defaultDashboardDir).toBe(resolve(repositoryRoot, 'dist/dashboard'));
    expect(loadTraderConfig({}).dashboardDir).toBe(defaultDashboardDir);
    // The built trader (trader:test depends on trader:build) finds the same folder from dist/trader/.
    const built = resolve(repositoryRoot, 'dist/trader/apps/trader/src/config/load-trader-config.js');
    expect(jest.requireActual<{ defaultDashboardDir: string }>(built).defaultDashboardDir).toBe(defaultDashboardDir);
    expect(loadTraderConfig({ TRADER_DASHBOARD_DIR: '/srv/dashboard' }).dashboardDir).toBe('/srv/dashboard');
    expect(loadTraderConfig({ TRADER_DASHBOARD_DIR: 'web/build' }).dashboardDir).toBe(resolve('web/build'));
  });

  it('takes the candle store from TRADER_HISTORY_DB, never the trader\'s event store', () => {
    expect(loadTraderConfig({ TRADER_HISTORY_DB: '/tmp/candles.sqlite' }).historyPath).toBe('/tmp/candles.sqlite');
    expect(() => loadTraderConfig({ TRADER_DB: '/tmp/x.db', TRADER_HISTORY_DB: '/tmp/../tmp/x.db' })).toThrow('Invalid setting TRADER_HISTORY_DB="/tmp/../tmp/x.db"');
    expect(() => loadTraderConfig({ TRADER_HISTORY_DB: '/tmp/' })).toThrow(/TRADER_HISTORY_DB.*expected the path of a SQLite file/);
  });

  describe('the event store: a SQLite file or a PostgreSQL URL', () => {
    it('keeps files beside a SQLite TRADER_DB, as before TRADER_DATA_DIR existed', () => {
      expect(loadTraderConfig({})).toEqual(expect.objectContaining({ databasePath: './data/trader.db', account: 'default', dataDir: './data' }));
      expect(loadTraderConfig({ TRADER_DB: '/var/lib/trader/trader.db' }).dataDir).toBe('/var/lib/trader');
      expect(loadTraderConfig({ TRADER_DB: 'trader.db' }).dataDir).toBe('.');
      const moved = loadTraderConfig({ TRADER_DB: '/var/lib/trader/trader.db', TRADER_DATA_DIR: '/srv/trader-files' });
      expect(moved.dataDir).toBe('/srv/trader-files');
      expect(moved.recording).toEqual({ path: '/srv/trader-files/recorded-market.sqlite' });
    });

    it('takes a postgres:// or postgresql:// URL and an account, with files in ./data unless TRADER_DATA_DIR says otherwise', () => {
      const url = 'postgres://trader:s3cret@db.internal:5432/trading';
      const config = loadTraderConfig({ TRADER_DB: url, TRADER_ACCOUNT: 'desk_2' });
      expect(config).toEqual(expect.objectContaining({ databasePath: url, account: 'desk_2', dataDir: './data', recording: { path: 'data/recorded-market.sqlite' } }));
      expect(loadTraderConfig({ TRADER_DB: 'postgresql://127.0.0.1/trading' }).account).toBe('default');
      expect(loadTraderConfig({ TRADER_DB: url, TRADER_DATA_DIR: '/srv/trader' }).dataDir).toBe('/srv/trader');
    });

    it('refuses an account name that is not a schema name, naming TRADER_ACCOUNT', () => {
      for (const name of ['Desk', '1desk', 'desk-2', 'a'.repeat(41)]) {
        const error = captureError(() => loadTraderConfig({ TRADER_DB: 'postgres://127.0.0.1/trading', TRADER_ACCOUNT: name }));
        expect(error).toBeInstanceOf(ConfigError);
        expect(error).toEqual(expect.objectContaining({ setting: 'TRADER_ACCOUNT', value: name }));
      }
    });

    it('refuses an account other than default with SQLite, where a file is one account', () => {
      expect(() => loadTraderConfig({ TRADER_ACCOUNT: 'desk_2' })).toThrow(/TRADER_ACCOUNT="desk_2".*give each account its own TRADER_DB file/);
      expect(loadTraderConfig({ TRADER_ACCOUNT: 'default' }).account).toBe('default');
    });

    it('never shows the password of a refused URL', () => {
      for (const raw of ['postgres://trader:s3cret@:99999/trading', 'postgres://trader:s3cret@/trading']) {
        const error = captureError(() => loadTraderConfig({ TRADER_DB: raw }));
        expect(error).toEqual(expect.objectContaining({ setting: 'TRADER_DB' }));
        expect(`${String(error)} ${inspect(error)}`).not.toContain('s3cret');
      }
    });

    it('compares TRADER_HISTORY_DB with the event store only when the store is a file', () => {
      expect(loadTraderConfig({ TRADER_DB: 'postgres://127.0.0.1/trading', TRADER_HISTORY_DB: '/tmp/candles.sqlite' }).historyPath).toBe('/tmp/candles.sqlite');
    });
  });

  it('goes live only with keys, on Upbit’s own URLs unless told otherwise', () => {
    expect(() => loadTraderConfig({ TRADER_MODE: 'live', TRADER_TOKEN: 'live-token-0123456789' })).toThrow('Invalid setting UPBIT_ACCESS_KEY=""');
    const live = loadTraderConfig(
      { TRADER_MODE: 'live', UPBIT_ACCESS_KEY: 'access-key-123', UPBIT_SECRET_KEY_FILE: '/run/secrets/upbit', TRADER_TOKEN: 'live-token-0123456789' },
      () => 'secret-from-file\n',
    );
    expect(live.exchange).toEqual(expect.objectContaining(upbitUrls));
    expect(live.exchange.secretKey?.reveal()).toBe('secret-from-file');
  });

  it('refuses to go live without an admin token the operator chose', () => {
    const keys = { TRADER_MODE: 'live', UPBIT_ACCESS_KEY: 'access-key-123', UPBIT_SECRET_KEY: 'secret-key-123' };
    expect(() => loadTraderConfig(keys)).toThrow(ConfigError);
    expect(() => loadTraderConfig({ ...keys, TRADER_TOKEN: '' })).toThrow('Invalid setting TRADER_TOKEN="": live mode needs an admin token');
    expect(loadTraderConfig({ ...keys, TRADER_TOKEN: 'live-token-0123456789' }).token?.reveal()).toBe('live-token-0123456789');
  });

  it('serves /metrics on a loopback listener of its own only when TRADER_METRICS_PORT is set (0: a free port)', () => {
    expect(loadTraderConfig({ TRADER_METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(loadTraderConfig({ TRADER_METRICS_PORT: '0' }).metricsPort).toBe(0);
    expect(loadTraderConfig({ TRADER_METRICS_PORT: '' }).metricsPort).toBeNull();
    expect(loadTraderConfig({ TRADER_PORT: '0', TRADER_METRICS_PORT: '0' }).metricsPort).toBe(0);
  });

  it('traces over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT is set, as the service OTEL_SERVICE_NAME', () => {
    expect(loadTraderConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' }).tracing).toEqual({ endpoint: 'http://127.0.0.1:4318', serviceName: 'upbit-trader' });
    expect(loadTraderConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example', OTEL_SERVICE_NAME: 'trader-1' }).tracing).toEqual({ endpoint: 'https://otel.example', serviceName: 'trader-1' });
    expect(() => loadTraderConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example', OTEL_SERVICE_NAME: 'my trader' })).toThrow('Invalid setting OTEL_SERVICE_NAME="my trader"');
  });

  it('serves the API docs without the token only when TRADER_PUBLIC_DOCS=1', () => {
    expect(loadTraderConfig({ TRADER_PUBLIC_DOCS: '1' }).publicDocs).toBe(true);
    expect(loadTraderConfig({ TRADER_PUBLIC_DOCS: '0' }).publicDocs).toBe(false);
    expect(() => loadTraderConfig({ TRADER_PUBLIC_DOCS: 'yes' })).toThrow('Invalid setting TRADER_PUBLIC_DOCS="yes": expected one of 0, 1');
  });

  it('never prints a key or the token, whichever way the config is rendered', () => {
    const config = loadTraderConfig({ TRADER_MODE: 'live', UPBIT_ACCESS_KEY: 'AKIA-visible', UPBIT_SECRET_KEY: 'shh-very-secret', TRADER_TOKEN: 'token-0123456789abcdef' });
    for (const rendered of [JSON.stringify(config), inspect(config, { depth: 5 }), String(config.exchange.secretKey), `${config.token?.toString()}`]) {
      expect(rendered).not.toContain('shh-very-secret');
      expect(rendered).not.toContain('AKIA-visible');
      expect(rendered).not.toContain('token-0123456789abcdef');
    }
  });

  it.each([
    ['TRADER_PORT', 'eighty', 'Invalid setting TRADER_PORT="eighty": expected a whole number'],
    ['TRADER_PORT', '70000', 'Invalid setting TRADER_PORT="70000": expected a number from 0 to 65535'],
    ['TRADER_PORT', '-1', 'Invalid setting TRADER_PORT="-1": expected a whole number'],
    ['TRADER_METRICS_PORT', 'prom', 'Invalid setting TRADER_METRICS_PORT="prom": expected a whole number'],
    ['TRADER_METRICS_PORT', '8420', 'Invalid setting TRADER_METRICS_PORT="8420": is the main port (TRADER_PORT 8420)'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318', 'Invalid setting OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318": expected a http: or https: URL'],
    ['TRADER_MODE', 'yolo', 'Invalid setting TRADER_MODE="yolo": expected one of paper, live'],
    ['TRADER_LOOP_GUARD', 'loud', 'Invalid setting TRADER_LOOP_GUARD="loud": expected one of report, strict'],
    ['TRADER_HOST', 'a b', 'Invalid setting TRADER_HOST="a b": expected a host name or IP address'],
    ['TRADER_SHUTDOWN_TIMEOUT_MS', '5', 'Invalid setting TRADER_SHUTDOWN_TIMEOUT_MS="5": expected a number from 100 to 600000'],
    ['TRADER_ORDER_STALE_MS', '50', 'Invalid setting TRADER_ORDER_STALE_MS="50": expected a number from 100 to 60000'],
    ['TRADER_ORDER_STALE_MS', 'soon', 'Invalid setting TRADER_ORDER_STALE_MS="soon": expected a whole number'],
    ['TRADER_MARKETS', 'KRW-BTC,bitcoin', 'Invalid setting TRADER_MARKETS="KRW-BTC,bitcoin": "bitcoin" is not a market code such as KRW-BTC'],
    ['TRADER_MARKETS', 'KRW-BTC,KRW-BTC', 'Invalid setting TRADER_MARKETS="KRW-BTC,KRW-BTC": a market is listed twice'],
    ['UPBIT_REST_URL', 'ftp://x', 'Invalid setting UPBIT_REST_URL="ftp://x": expected a http: or https: URL'],
    ['UPBIT_WS_URL', 'not a url', 'Invalid setting UPBIT_WS_URL="not a url": expected a URL'],
    ['TRADER_MAX_ORDER_KRW', 'NaN', 'Invalid setting TRADER_MAX_ORDER_KRW="NaN": expected a positive decimal number'],
    ['TRADER_MAX_DAILY_LOSS_KRW', '-5', 'Invalid setting TRADER_MAX_DAILY_LOSS_KRW="-5": expected a positive decimal number'],
    ['TRADER_TOKEN', 'short', 'Invalid setting TRADER_TOKEN="[redacted]": expected at least 16 characters'],
    ['TRADER_FAULTS', 'record-after-post', 'Invalid setting TRADER_FAULTS="record-after-post": expected <fault>:<probability>, e.g. record-after-post:0.5'],
    ['TRADER_FAULTS', 'record-after-post:1.5', 'Invalid setting TRADER_FAULTS="record-after-post:1.5": "1.5" is not a probability from 0 to 1'],
    ['TRADER_FAULTS', 'record-after-post:half', 'Invalid setting TRADER_FAULTS="record-after-post:half": "half" is not a probability from 0 to 1'],
    ['TRADER_FAULTS', 'lose-everything:0.5', 'Invalid setting TRADER_FAULTS="lose-everything:0.5": unknown fault "lose-everything"; known: record-after-post'],
    ['TRADER_FAULTS', 'record-after-post:0.5,record-after-post:1', 'Invalid setting TRADER_FAULTS="record-after-post:0.5,record-after-post:1": record-after-post is listed twice'],
    ['TRADER_FAULTS_SEED', '42', 'Invalid setting TRADER_FAULTS_SEED="42": a seed without TRADER_FAULTS injects nothing'],
  ])('stops on %s=%s with a message naming the setting', (setting, value, message) => {
    const load = (): unknown => loadTraderConfig({ [setting]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });

  describe('market recording', () => {
    const live = { TRADER_MODE: 'live', UPBIT_ACCESS_KEY: 'a', UPBIT_SECRET_KEY: 'b', TRADER_TOKEN: 'live-token-0123456789' };

    it('records in paper mode by default, beside the event database, and not in live mode unless asked', () => {
      expect(loadTraderConfig({}).recording).toEqual({ path: 'data/recorded-market.sqlite' });
      expect(loadTraderConfig({ TRADER_DB: '/var/lib/trader/trader.db' }).recording).toEqual({ path: '/var/lib/trader/recorded-market.sqlite' });
      expect(loadTraderConfig(live).recording).toBeNull();
      expect(loadTraderConfig({ ...live, TRADER_RECORD_MARKET: '1', TRADER_RECORDING_DB: '/srv/rec.sqlite' }).recording).toEqual({ path: '/srv/rec.sqlite' });
      expect(loadTraderConfig({ TRADER_RECORD_MARKET: '0' }).recording).toBeNull();
    });

    it('refuses a value other than 0 or 1', () => {
      expect(() => loadTraderConfig({ TRADER_RECORD_MARKET: 'yes' })).toThrow('Invalid setting TRADER_RECORD_MARKET="yes": expected one of 0, 1');
    });
  });

  describe('fault injection (testing only)', () => {
    it('reads TRADER_FAULTS and its seed in paper mode', () => {
      expect(loadTraderConfig({ TRADER_FAULTS: 'record-after-post:0.5', TRADER_FAULTS_SEED: '42' }).faults).toEqual({ recordAfterPost: 0.5, seed: 42 });
      expect(loadTraderConfig({ TRADER_FAULTS: ' record-after-post:1 ' }).faults).toEqual({ recordAfterPost: 1, seed: null });
    });

    it('refuses every fault outside paper mode', () => {
      const live = (): unknown =>
        loadTraderConfig({ TRADER_MODE: 'live', UPBIT_ACCESS_KEY: 'access-key-123', UPBIT_SECRET_KEY: 'secret-key-123', TRADER_TOKEN: 'live-token-0123456789', TRADER_FAULTS: 'record-after-post:0.5' });
      expect(live).toThrow(ConfigError);
      expect(live).toThrow('Invalid setting TRADER_FAULTS="record-after-post:0.5": fault injection is for testing; it runs only with TRADER_MODE=paper');
    });

    it('refuses a seed that is not a whole number', () => {
      expect(() => loadTraderConfig({ TRADER_FAULTS: 'record-after-post:0.5', TRADER_FAULTS_SEED: '-3' })).toThrow(
        'Invalid setting TRADER_FAULTS_SEED="-3": expected a whole number',
      );
    });
  });

  describe('the in-process simulator', () => {
    it('reads its seed and the model moment its market opens into; "now" takes the calendar\'s own', () => {
      expect(loadTraderConfig({ TRADER_SIM_SEED: '42', TRADER_SIM_MODEL_START: '2025-11-01T09:00:00+09:00' }).simulator).toEqual({ seed: 42, modelStart: Date.UTC(2025, 10, 1) });
      expect(loadTraderConfig({ TRADER_SIM_MODEL_START: 'now' }).simulator).toEqual({ seed: 1, modelStart: null });
    });

    it.each([
      ['TRADER_SIM_SEED', '-1', 'expected a whole number'],
      ['TRADER_SIM_SEED', '4294967296', 'expected a number from 0 to 4294967295'],
      ['TRADER_SIM_MODEL_START', '2026-03-01 18:25', 'expected an ISO 8601 time with a zone'],
      ['TRADER_SIM_MODEL_START', 'yesterday', 'expected an ISO 8601 time with a zone'],
    ])('refuses %s=%s', (setting, value, message) => {
      expect(() => loadTraderConfig({ [setting]: value })).toThrow(message);
      expect(() => loadTraderConfig({ [setting]: value })).toThrow(setting);
    });
  });

  describe('Telegram commands', () => {
    const botToken = '123456789:AAE-telegram-token-abcdefghijkl';

    it('are off by default and point at api.telegram.org', () => {
      expect(loadTraderConfig({}).telegram).toEqual({ botToken: null, chatIds: [], apiUrl: 'https://api.telegram.org', commands: false });
    });

    it('read the bot token (as a Secret, also from a file), the allowed chats and the API URL', () => {
      const config = loadTraderConfig({
        TRADER_TELEGRAM_BOT_TOKEN_FILE: '/run/secrets/telegram',
        TRADER_TELEGRAM_CHAT_IDS: '12345, -1001234567890',
        TRADER_TELEGRAM_API_URL: 'http://127.0.0.1:9100/',
        TRADER_TELEGRAM_COMMANDS: '1',
      }, () => `${botToken}\n`);
      expect(config.telegram).toEqual(expect.objectContaining({ chatIds: ['12345', '-1001234567890'], apiUrl: 'http://127.0.0.1:9100', commands: true }));
      expect(config.telegram.botToken?.reveal()).toBe(botToken);
      expect(inspect(config)).not.toContain('AAE-telegram');
      expect(JSON.stringify(config)).not.toContain('AAE-telegram');
    });

    it.each([
      [{ TRADER_TELEGRAM_COMMANDS: '1', TRADER_TELEGRAM_CHAT_IDS: '12345' }, 'TRADER_TELEGRAM_COMMANDS="1": commands need a bot'],
      [{ TRADER_TELEGRAM_COMMANDS: '1', TRADER_TELEGRAM_BOT_TOKEN: botToken }, 'TRADER_TELEGRAM_COMMANDS="1": commands need the chats allowed to give them'],
      [{ TRADER_TELEGRAM_COMMANDS: 'yes' }, 'TRADER_TELEGRAM_COMMANDS="yes": expected one of 0, 1'],
      [{ TRADER_TELEGRAM_CHAT_IDS: '12345,@operator' }, '"@operator" is not a chat id'],
      [{ TRADER_TELEGRAM_CHAT_IDS: '12345,12345' }, 'a chat id is listed twice'],
      [{ TRADER_TELEGRAM_API_URL: 'ftp://example.com' }, 'expected a http: or https: URL'],
    ])('refuses %j', (env, message) => {
      expect(() => loadTraderConfig(env)).toThrow(ConfigError);
      expect(() => loadTraderConfig(env)).toThrow(message);
    });

    it('refuses a malformed bot token without printing it', () => {
      const load = (): unknown => loadTraderConfig({ TRADER_TELEGRAM_BOT_TOKEN: 'not-a-token-but-a-secret' });
      expect(load).toThrow('Invalid setting TRADER_TELEGRAM_BOT_TOKEN="[redacted]": expected a bot token from BotFather');
      expect(load).not.toThrow('not-a-token-but-a-secret');
    });
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
