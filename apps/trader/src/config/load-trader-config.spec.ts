import { ConfigError } from './config.errors';
import { defaultTraderPort, loadTraderConfig } from './load-trader-config';

describe('loadTraderConfig', () => {
  it('runs on embedded defaults: loopback only, default port, loop guard reporting', () => {
    expect(loadTraderConfig({})).toEqual({
      host: '127.0.0.1',
      port: defaultTraderPort,
      loopGuardMode: 'report',
      shutdownTimeoutMs: 5_000,
    });
  });

  it('takes valid settings from the environment', () => {
    expect(loadTraderConfig({ TRADER_PORT: '0', TRADER_HOST: '::1', TRADER_LOOP_GUARD: 'strict' })).toEqual(
      expect.objectContaining({ port: 0, host: '::1', loopGuardMode: 'strict' }),
    );
  });

  it.each([
    ['TRADER_PORT', 'eighty', 'Invalid setting TRADER_PORT="eighty": expected a whole number'],
    ['TRADER_PORT', '70000', 'Invalid setting TRADER_PORT="70000": expected a number from 0 to 65535'],
    ['TRADER_PORT', '-1', 'Invalid setting TRADER_PORT="-1": expected a whole number'],
    ['TRADER_LOOP_GUARD', 'loud', 'Invalid setting TRADER_LOOP_GUARD="loud": expected one of report, strict'],
    ['TRADER_HOST', 'a b', 'Invalid setting TRADER_HOST="a b": expected a host name or IP address'],
    ['TRADER_SHUTDOWN_TIMEOUT_MS', '5', 'Invalid setting TRADER_SHUTDOWN_TIMEOUT_MS="5": expected a number from 100 to 600000'],
  ])('stops on %s=%s with a message naming the setting', (setting, value, message) => {
    const load = (): unknown => loadTraderConfig({ [setting]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });
});
