import { ConfigError } from './config.errors';
import { TraderConfig } from './trader-config';

type Environment = Readonly<Record<string, string | undefined>>;

export const defaultTraderPort = 8420;

/** Reads and validates the trader's settings. The only place that reads the environment. */
export function loadTraderConfig(env: Environment): TraderConfig {
  return {
    host: host(env, 'TRADER_HOST', '127.0.0.1'),
    port: integer(env, 'TRADER_PORT', defaultTraderPort, 0, 65_535),
    loopGuardMode: oneOf(env, 'TRADER_LOOP_GUARD', 'report', ['report', 'strict'] as const),
    shutdownTimeoutMs: integer(env, 'TRADER_SHUTDOWN_TIMEOUT_MS', 5_000, 100, 600_000),
  };
}

function integer(env: Environment, setting: string, fallback: number, min: number, max: number): number {
  const raw = env[setting];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(setting, raw, 'expected a whole number');
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(setting, raw, `expected a number from ${min} to ${max}`);
  return value;
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
