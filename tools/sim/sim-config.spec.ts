import { DEFAULT_SIM_PORT, SimSettingError, simOptionsFromEnv } from './sim-config';

const DEFAULTS = { accessKey: 'demo-access', secretKey: 'demo-secret', krw: '100000000' };

describe('npm run sim settings', () => {
  it('uses the defaults when nothing is set', () => {
    const options = simOptionsFromEnv({}, DEFAULTS);
    expect(options).toMatchObject({ host: '127.0.0.1', port: DEFAULT_SIM_PORT, seed: 1, markets: undefined, tickIntervalMs: 500, rateLimits: undefined, replay: undefined });
    expect(options.accounts).toEqual([{ accessKey: 'demo-access', secretKey: 'demo-secret', balances: { KRW: '100000000' } }]);
  });

  it('reads port, seed, markets, keys, KRW, rate limits and replay', () => {
    const options = simOptionsFromEnv(
      {
        SIM_PORT: '0',
        SIM_SEED: '42',
        SIM_MARKETS: 'KRW-BTC, KRW-FOO:1234.5',
        SIM_ACCESS_KEY: 'a',
        SIM_SECRET_KEY: 's',
        SIM_KRW: '5000000',
        SIM_RATE_LIMITS: 'off',
        SIM_REPLAY_FILE: '/tmp/frames.jsonl',
        SIM_REPLAY_SPEED: '10',
      },
      DEFAULTS,
    );
    expect(options).toMatchObject({ port: 0, seed: 42, rateLimits: false, replay: { file: '/tmp/frames.jsonl', speed: 10 } });
    expect(options.markets).toEqual(['KRW-BTC', { market: 'KRW-FOO', initialPrice: '1234.5' }]);
    expect(options.accounts).toEqual([{ accessKey: 'a', secretKey: 's', balances: { KRW: '5000000' } }]);
  });

  it.each([
    ['SIM_PORT', 'abc'],
    ['SIM_PORT', '70000'],
    ['SIM_SEED', '-1'],
    ['SIM_MARKETS', 'btc'],
    ['SIM_MARKETS', 'KRW-FOO:cheap'],
    ['SIM_KRW', '-5'],
    ['SIM_RATE_LIMITS', 'maybe'],
    ['SIM_REPLAY_SPEED', '0'],
  ])('refuses %s=%s, naming the setting', (setting, value) => {
    const run = (): unknown => simOptionsFromEnv({ [setting]: value }, DEFAULTS);
    expect(run).toThrow(SimSettingError);
    expect(run).toThrow(new RegExp(`^${setting}=`));
  });
});
