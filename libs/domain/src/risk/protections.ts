import { DecimalString, parseDecimal } from '../shared/decimal';
import { DomainError } from '../shared/domain-error';

/**
 * Protections lock new entries after a bad streak (freqtrade's CooldownPeriod, StoplossGuard,
 * MaxDrawdown and LowProfitPairs). Each is off when absent. Times are in milliseconds.
 */
export const PROTECTION_NAMES = ['cooldown', 'stoploss_guard', 'max_drawdown', 'low_profit_markets'] as const;
export type ProtectionName = (typeof PROTECTION_NAMES)[number];

/** A lock covers one market, or every market. */
export type LockScope = 'market' | 'global';

/** No new entry on a market for `periodMs` after a trade there closed. */
export interface CooldownProtection {
  readonly periodMs: number;
}

/** `tradeLimit` stop-outs closed within `lookbackMs` lock entries for `lockMs`, on that market or on all. */
export interface StoplossGuardProtection {
  readonly tradeLimit: number;
  readonly lookbackMs: number;
  readonly lockMs: number;
  readonly scope: LockScope;
}

/**
 * The realised drawdown of the trades closed within `lookbackMs` (their returns compounded, fall from
 * the highest point) reaching `maxDrawdownPercent` locks every market for `lockMs`; it judges only
 * once the window holds `tradeLimit` trades.
 */
export interface MaxDrawdownProtection {
  readonly maxDrawdownPercent: DecimalString;
  readonly tradeLimit: number;
  readonly lookbackMs: number;
  readonly lockMs: number;
}

/**
 * A market whose trades closed within `lookbackMs` (at least `tradeLimit` of them) made less than
 * `minProfit` together (quote currency, net of fees; may be negative) is locked for `lockMs`.
 */
export interface LowProfitMarketsProtection {
  readonly minProfit: DecimalString;
  readonly tradeLimit: number;
  readonly lookbackMs: number;
  readonly lockMs: number;
}

export interface Protections {
  readonly cooldown?: CooldownProtection;
  readonly stoplossGuard?: StoplossGuardProtection;
  readonly maxDrawdown?: MaxDrawdownProtection;
  readonly lowProfitMarkets?: LowProfitMarketsProtection;
}

/** The exit reasons that count as stop-outs for the stop-loss guard (the strategy's `CloseReason`s). */
export const STOP_OUT_REASONS: readonly string[] = ['stop_loss', 'trailing_stop', 'crash_exit'];

/** A protection's setting is not usable; `field` is its path (`stoplossGuard.tradeLimit`). */
export class InvalidProtectionsError extends DomainError {
  readonly code = 'invalid_protections';
  constructor(
    readonly field: string,
    value: unknown,
  ) {
    super(`Protection setting ${field} is invalid: ${JSON.stringify(value)}`, { field, value });
  }
}

/** A week: a longer window or lock is more likely a unit mistake (minutes typed as ms the other way round) than a plan. */
const MAX_DURATION_MS = 7 * 24 * 3_600_000;

function duration(field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_DURATION_MS) throw new InvalidProtectionsError(field, value);
}

function count(field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1000) throw new InvalidProtectionsError(field, value);
}

function decimal(field: string, value: unknown): void {
  if (typeof value !== 'string' || !parseDecimal(value)) throw new InvalidProtectionsError(field, value);
}

const KEYS: Record<keyof Protections, readonly string[]> = {
  cooldown: ['periodMs'],
  stoplossGuard: ['tradeLimit', 'lookbackMs', 'lockMs', 'scope'],
  maxDrawdown: ['maxDrawdownPercent', 'tradeLimit', 'lookbackMs', 'lockMs'],
  lowProfitMarkets: ['minProfit', 'tradeLimit', 'lookbackMs', 'lockMs'],
};

function record(field: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidProtectionsError(field, value);
  const unknownKey = Object.keys(value).find((key) => !keys.includes(key));
  if (unknownKey !== undefined) throw new InvalidProtectionsError(`${field}.${unknownKey}`, (value as Record<string, unknown>)[unknownKey]);
  return value as Record<string, unknown>;
}

/**
 * Checks a protections setting as it comes from the API or a strategy definition (plain JSON) and
 * returns it typed; the first bad field throws `InvalidProtectionsError` naming it.
 */
export function validateProtections(value: unknown): Protections {
  const all = record('protections', value, Object.keys(KEYS));
  const cooldown = all['cooldown'];
  if (cooldown !== undefined) duration('cooldown.periodMs', record('cooldown', cooldown, KEYS.cooldown)['periodMs']);
  const guard = all['stoplossGuard'];
  if (guard !== undefined) {
    const g = record('stoplossGuard', guard, KEYS.stoplossGuard);
    count('stoplossGuard.tradeLimit', g['tradeLimit']);
    duration('stoplossGuard.lookbackMs', g['lookbackMs']);
    duration('stoplossGuard.lockMs', g['lockMs']);
    if (g['scope'] !== 'market' && g['scope'] !== 'global') throw new InvalidProtectionsError('stoplossGuard.scope', g['scope']);
  }
  const drawdown = all['maxDrawdown'];
  if (drawdown !== undefined) {
    const d = record('maxDrawdown', drawdown, KEYS.maxDrawdown);
    decimal('maxDrawdown.maxDrawdownPercent', d['maxDrawdownPercent']);
    const percent = parseDecimal(d['maxDrawdownPercent'] as string);
    if (!percent || percent.lte(0) || percent.gte(100)) throw new InvalidProtectionsError('maxDrawdown.maxDrawdownPercent', d['maxDrawdownPercent']);
    count('maxDrawdown.tradeLimit', d['tradeLimit']);
    duration('maxDrawdown.lookbackMs', d['lookbackMs']);
    duration('maxDrawdown.lockMs', d['lockMs']);
  }
  const lowProfit = all['lowProfitMarkets'];
  if (lowProfit !== undefined) {
    const l = record('lowProfitMarkets', lowProfit, KEYS.lowProfitMarkets);
    decimal('lowProfitMarkets.minProfit', l['minProfit']);
    count('lowProfitMarkets.tradeLimit', l['tradeLimit']);
    duration('lowProfitMarkets.lookbackMs', l['lookbackMs']);
    duration('lowProfitMarkets.lockMs', l['lockMs']);
  }
  return all as Protections;
}

/** The longest window a configured protection looks back over: how long closed trades must be kept. */
export function longestLookback(protections: Protections): number {
  return Math.max(0, protections.stoplossGuard?.lookbackMs ?? 0, protections.maxDrawdown?.lookbackMs ?? 0, protections.lowProfitMarkets?.lookbackMs ?? 0);
}

/** The reason code of an entry denied by a protection's lock. */
export function protectionReasonCode(protection: ProtectionName): string {
  return `protection_${protection}`;
}
