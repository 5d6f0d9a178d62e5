import { isKnownTimeZone, isNotificationKind, NOTIFICATION_KINDS, parseLocalTimeOfDay } from '@trader/application';
import type { LocalTimeOfDay, NotificationKind } from '@trader/application';
import { ConfigError } from './config.errors';
import { Secret } from './secret';

export const defaultTelegramApiUrl = 'https://api.telegram.org';
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
 * Reads the notification settings. `readSecret(setting)` reads `setting` or `setting_FILE` (the
 * config loader's rule: not both), `readUrl(setting)` an http(s) URL or null.
 */
export function notificationSettings(env: Environment, readSecret: (setting: string) => Secret | null, readUrl: (setting: string) => string | null): NotificationSettings {
  return {
    telegram: telegram(env, readSecret, readUrl),
    discord: discord(env, readSecret),
    webhook: webhook(env, readSecret, readUrl),
    dailySummaryAt: dailySummaryAt(env),
    timeZone: timeZone(env),
  };
}

function telegram(env: Environment, readSecret: (setting: string) => Secret | null, readUrl: (setting: string) => string | null): TelegramSettings | null {
  const botToken = readSecret('TRADER_TELEGRAM_BOT_TOKEN');
  const rawChats = (env['TRADER_TELEGRAM_CHAT_IDS'] ?? '').trim();
  if (!botToken && rawChats === '') return null;
  if (!botToken) throw new ConfigError('TRADER_TELEGRAM_BOT_TOKEN', '', 'TRADER_TELEGRAM_CHAT_IDS is set: give the bot token too (TRADER_TELEGRAM_BOT_TOKEN or TRADER_TELEGRAM_BOT_TOKEN_FILE)');
  if (!/^\d+:[A-Za-z0-9_-]+$/.test(botToken.reveal())) throw new ConfigError('TRADER_TELEGRAM_BOT_TOKEN', '[redacted]', 'expected a bot token as BotFather gives it (<digits>:<letters, digits, _ or ->)');
  if (rawChats === '') throw new ConfigError('TRADER_TELEGRAM_CHAT_IDS', '', 'the bot token is set: list the chat ids to notify, e.g. 123456789,-1001234567890');
  const chatIds = rawChats.split(',').map((id) => id.trim());
  for (const id of chatIds) {
    if (!/^-?\d{1,20}$/.test(id) && !/^@[A-Za-z][A-Za-z0-9_]{4,31}$/.test(id)) throw new ConfigError('TRADER_TELEGRAM_CHAT_IDS', rawChats, `"${id}" is not a chat id (a number such as -1001234567890, or @channelname)`);
  }
  if (new Set(chatIds).size !== chatIds.length) throw new ConfigError('TRADER_TELEGRAM_CHAT_IDS', rawChats, 'a chat id is listed twice');
  return { botToken, chatIds, apiUrl: readUrl('TRADER_TELEGRAM_API_URL') ?? defaultTelegramApiUrl, kinds: kinds(env, 'TRADER_NOTIFY_TELEGRAM') };
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
