import { MarketOptions, SimulatorOptions } from '@trader/upbit-sim';

/** A setting that cannot be used, named so the operator knows what to fix. */
export class SimSettingError extends Error {
  readonly code = 'INVALID_SIM_SETTING';

  constructor(
    readonly setting: string,
    readonly value: string,
    expected: string,
  ) {
    super(`${setting}=${JSON.stringify(value)} is invalid: expected ${expected}`);
    this.name = 'SimSettingError';
  }
}

export const DEFAULT_SIM_PORT = 8421;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new SimSettingError(name, raw, `an integer from ${min} to ${max}`);
  return value;
}

function markets(raw: string | undefined): Array<string | MarketOptions> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((entry) => {
    const [market, price] = entry.trim().split(':');
    if (!/^[A-Z0-9]+-[A-Z0-9]+$/.test(market) || (price !== undefined && !/^\d+(\.\d+)?$/.test(price))) {
      throw new SimSettingError('SIM_MARKETS', raw, 'a comma list like KRW-BTC,KRW-ETH or KRW-FOO:1234 (code:initial price)');
    }
    return price === undefined ? market : { market, initialPrice: price };
  });
}

/**
 * Reads the standalone simulator's settings: SIM_PORT, SIM_HOST, SIM_SEED, SIM_MARKETS,
 * SIM_ACCESS_KEY / SIM_SECRET_KEY / SIM_KRW (the demo account), SIM_TICK_MS, SIM_RATE_LIMITS (on|off),
 * SIM_REPLAY_FILE and SIM_REPLAY_SPEED.
 */
export function simOptionsFromEnv(env: NodeJS.ProcessEnv, defaults: { accessKey: string; secretKey: string; krw: string }): SimulatorOptions {
  const krw = env['SIM_KRW'] ?? defaults.krw;
  if (!/^\d+(\.\d+)?$/.test(krw)) throw new SimSettingError('SIM_KRW', krw, 'a non-negative decimal');
  const rateLimits = env['SIM_RATE_LIMITS'] ?? 'on';
  if (rateLimits !== 'on' && rateLimits !== 'off') throw new SimSettingError('SIM_RATE_LIMITS', rateLimits, 'on or off');
  const replayFile = env['SIM_REPLAY_FILE'];
  const replaySpeed = env['SIM_REPLAY_SPEED'] ?? '1';
  if (!(Number(replaySpeed) > 0)) throw new SimSettingError('SIM_REPLAY_SPEED', replaySpeed, 'a positive number');
  return {
    host: env['SIM_HOST'] ?? '127.0.0.1',
    port: integer(env, 'SIM_PORT', DEFAULT_SIM_PORT, 0, 65535),
    seed: integer(env, 'SIM_SEED', 1, 0, 2 ** 32 - 1),
    markets: markets(env['SIM_MARKETS']),
    tickIntervalMs: integer(env, 'SIM_TICK_MS', 500, 10, 60_000),
    rateLimits: rateLimits === 'off' ? false : undefined,
    accounts: [
      {
        accessKey: env['SIM_ACCESS_KEY'] ?? defaults.accessKey,
        secretKey: env['SIM_SECRET_KEY'] ?? defaults.secretKey,
        balances: { KRW: krw },
      },
    ],
    replay: replayFile === undefined || replayFile === '' ? undefined : { file: replayFile, speed: Number(replaySpeed) },
  };
}
