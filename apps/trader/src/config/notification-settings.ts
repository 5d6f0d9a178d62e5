import { isKnownTimeZone, isNotificationKind, NOTIFICATION_KINDS, parseLocalTimeOfDay } from '@trader/application';
import type { LocalTimeOfDay, NotificationKind } from '@trader/application';
import { ConfigError } from './config.errors';
import { Secret } from './secret';
import type { TelegramSettings as TraderTelegramSettings } from './trader-config';

export const defaultDailySummaryAt = '09:00';
/** Upbit's market runs on Korean time. */
export const defaultTimeZone = 'Asia/Seoul';

export interface TelegramSettings {
  readonly botToken: Secret;
  readonly chatIds: readonly string[];
  readonly apiUrl: string;
  readonly kinds: readonly NotificationKind[];
}

export interface DiscordSettings {
  /** The webhook URL holds the webhook's token: a secret. */
  readonly webhookUrl: Secret;
  readonly kinds: readonly NotificationKind[];
}

export interface WebhookSettings {
  readonly url: string;
  readonly secret: Secret;
  readonly kinds: readonly NotificationKind[];
}

/** Where notifications go (each channel null when not configured) and when the daily summary is due. */
export interface NotificationSettings {
  readonly telegram: TelegramSettings | null;
  readonly discord: DiscordSettings | null;
  readonly webhook: WebhookSettings | null;
  /** `TRADER_DAILY_SUMMARY_AT` (local time, default 09:00); null with `off`. */
  readonly dailySummaryAt: LocalTimeOfDay | null;
  /** `TRADER_TIMEZONE` (IANA, default Asia/Seoul). */
  readonly timeZone: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads the notification settings; `bot` is the Telegram bot the config loader read. `readSecret(setting)` reads `setting` or `setting_FILE` (the
 * config loader's rule: not both), `readUrl(setting)` an http(s) URL or null.
 */
export function notificationSettings(
  env: Environment,
  bot: TraderTelegramSettings,
  readSecret: (setting: string) => Secret | null,
  readUrl: (setting: string) => string | null,
): NotificationSettings {
  return {
    telegram: telegram(env, bot),
    discord: discord(env, readSecret),
    webhook: webhook(env, readSecret, readUrl),
    dailySummaryAt: dailySummaryAt(env),
    timeZone: timeZone(env),
  };
}

/**
 * Telegram notifications go to the bot and chats of `TRADER_TELEGRAM_BOT_TOKEN` and
 * `TRADER_TELEGRAM_CHAT_IDS`, read once for commands and notifications alike (the chats allowed to
 * command are the chats told): on when both are set.
 */
function telegram(env: Environment, bot: TraderTelegramSettings): TelegramSettings | null {
  if (!bot.botToken || bot.chatIds.length === 0) {
    if (env['TRADER_NOTIFY_TELEGRAM']) throw new ConfigError('TRADER_NOTIFY_TELEGRAM', env['TRADER_NOTIFY_TELEGRAM'], 'Telegram notifications need TRADER_TELEGRAM_BOT_TOKEN (or _FILE) and TRADER_TELEGRAM_CHAT_IDS');
    return null;
  }
  return { botToken: bot.botToken, chatIds: bot.chatIds, apiUrl: bot.apiUrl, kinds: kinds(env, 'TRADER_NOTIFY_TELEGRAM') };
}

function discord(env: Environment, readSecret: (setting: string) => Secret | null): DiscordSettings | null {
  const webhookUrl = readSecret('TRADER_DISCORD_WEBHOOK_URL');
  if (!webhookUrl) return null;
  let parsed: URL;
  try {
    parsed = new URL(webhookUrl.reveal());
  } catch {
    throw new ConfigError('TRADER_DISCORD_WEBHOOK_URL', '[redacted]', 'expected a URL such as https://discord.com/api/webhooks/<id>/<token>');
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) throw new ConfigError('TRADER_DISCORD_WEBHOOK_URL', '[redacted]', 'expected an https URL');
  return { webhookUrl, kinds: kinds(env, 'TRADER_NOTIFY_DISCORD') };
}

function webhook(env: Environment, readSecret: (setting: string) => Secret | null, readUrl: (setting: string) => string | null): WebhookSettings | null {
  const url = readUrl('TRADER_WEBHOOK_URL');
  const secret = readSecret('TRADER_WEBHOOK_SECRET');
  if (!url && !secret) return null;
  if (!url) throw new ConfigError('TRADER_WEBHOOK_URL', '', 'TRADER_WEBHOOK_SECRET is set: give the URL to post to');
  if (!secret) throw new ConfigError('TRADER_WEBHOOK_SECRET', '', 'every webhook is signed: set TRADER_WEBHOOK_SECRET or TRADER_WEBHOOK_SECRET_FILE');
  if (secret.reveal().length < 16) throw new ConfigError('TRADER_WEBHOOK_SECRET', '[redacted]', 'expected at least 16 characters');
  return { url, secret, kinds: kinds(env, 'TRADER_NOTIFY_WEBHOOK') };
}

/** `entries,exits,...` or `all` (the default). */
function kinds(env: Environment, setting: string): NotificationKind[] {
  const raw = (env[setting] ?? '').trim();
  if (raw === '' || raw === 'all') return [...NOTIFICATION_KINDS];
  const list = raw.split(',').map((kind) => kind.trim());
  for (const kind of list) {
    if (!isNotificationKind(kind)) throw new ConfigError(setting, raw, `unknown kind "${kind}"; known: all, ${NOTIFICATION_KINDS.join(', ')}`);
  }
  return [...new Set(list)] as NotificationKind[];
}

function dailySummaryAt(env: Environment): LocalTimeOfDay | null {
  const raw = (env['TRADER_DAILY_SUMMARY_AT'] ?? '').trim() || defaultDailySummaryAt;
  if (raw === 'off') return null;
  const time = parseLocalTimeOfDay(raw);
  if (!time) throw new ConfigError('TRADER_DAILY_SUMMARY_AT', raw, 'expected a local time HH:MM (00:00 to 23:59), or off');
  return time;
}

function timeZone(env: Environment): string {
  const raw = (env['TRADER_TIMEZONE'] ?? '').trim() || defaultTimeZone;
  if (!isKnownTimeZone(raw)) throw new ConfigError('TRADER_TIMEZONE', raw, 'expected an IANA time zone such as Asia/Seoul or Europe/Berlin');
  return raw;
}
