import { NOTIFICATION_KINDS } from '@trader/application';
import { inspect } from 'node:util';
import { ConfigError } from './config.errors';
import { loadTraderConfig } from './load-trader-config';

const token = '123456:AAE-config-token-xyz';
const files: Record<string, string> = { '/run/secrets/bot': `${token}\n`, '/run/secrets/hook': 'file-webhook-secret-0123456789\n', '/run/secrets/discord': 'https://discord.com/api/webhooks/42/discord-token\n' };
const readFile = (_setting: string, path: string): string => files[path] ?? '';

function failure(env: Record<string, string>): ConfigError {
  try {
    loadTraderConfig(env, readFile);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('notification settings', () => {
  it('configures no channel by default, with the daily summary at 09:00 Seoul time', () => {
    expect(loadTraderConfig({}).notifications).toEqual({ telegram: null, discord: null, webhook: null, dailySummaryAt: { hour: 9, minute: 0 }, timeZone: 'Asia/Seoul' });
  });

  it('reads every channel, secrets from the environment or *_FILE, and the kinds per channel', () => {
    const { notifications } = loadTraderConfig(
      {
        TRADER_TELEGRAM_BOT_TOKEN_FILE: '/run/secrets/bot',
        TRADER_TELEGRAM_CHAT_IDS: '123456789, -1001234567890',
        TRADER_TELEGRAM_API_URL: 'http://127.0.0.1:9000/',
        TRADER_NOTIFY_TELEGRAM: 'entries,exits,halts,kill_switch',
        TRADER_DISCORD_WEBHOOK_URL_FILE: '/run/secrets/discord',
        TRADER_WEBHOOK_URL: 'https://hooks.example.org/trader',
        TRADER_WEBHOOK_SECRET_FILE: '/run/secrets/hook',
        TRADER_NOTIFY_WEBHOOK: 'all',
        TRADER_DAILY_SUMMARY_AT: '21:30',
        TRADER_TIMEZONE: 'Europe/Berlin',
      },
      readFile,
    );
    expect(notifications.telegram?.botToken.reveal()).toBe(token);
    expect(notifications.telegram).toEqual(expect.objectContaining({ chatIds: ['123456789', '-1001234567890'], apiUrl: 'http://127.0.0.1:9000', kinds: ['entries', 'exits', 'halts', 'kill_switch'] }));
    expect(notifications.discord?.webhookUrl.reveal()).toBe('https://discord.com/api/webhooks/42/discord-token');
    expect(notifications.discord?.kinds).toEqual([...NOTIFICATION_KINDS]);
    expect(notifications.webhook?.secret.reveal()).toBe('file-webhook-secret-0123456789');
    expect(notifications.webhook?.kinds).toEqual([...NOTIFICATION_KINDS]);
    expect(notifications).toEqual(expect.objectContaining({ dailySummaryAt: { hour: 21, minute: 30 }, timeZone: 'Europe/Berlin' }));
    // A logged config shows no credential.
    const printed = `${inspect(notifications, { depth: 5 })}${JSON.stringify(notifications)}`;
    for (const leaked of [token, 'discord-token', 'file-webhook-secret']) expect(printed).not.toContain(leaked);
  });

  it('refuses half-configured channels, bad values and unknown kinds, naming the setting and never the secret', () => {
    // Telegram's bot and chats are the config loader's (shared with the commands); notifications add the kinds.
    expect(loadTraderConfig({ TRADER_TELEGRAM_BOT_TOKEN: token }).notifications.telegram).toBeNull();
    expect(failure({ TRADER_NOTIFY_TELEGRAM: 'fills' }).setting).toBe('TRADER_NOTIFY_TELEGRAM');
    expect(failure({ TRADER_TELEGRAM_BOT_TOKEN: token, TRADER_TELEGRAM_CHAT_IDS: '1', TRADER_NOTIFY_TELEGRAM: 'fills,rumours' }).message).toContain('unknown kind "rumours"');
    expect(failure({ TRADER_WEBHOOK_URL: 'https://hooks.example.org' }).setting).toBe('TRADER_WEBHOOK_SECRET');
    expect(failure({ TRADER_WEBHOOK_SECRET: 'a-long-enough-secret-0123' }).setting).toBe('TRADER_WEBHOOK_URL');
    expect(failure({ TRADER_WEBHOOK_URL: 'https://hooks.example.org', TRADER_WEBHOOK_SECRET: 'short' })).toEqual(expect.objectContaining({ setting: 'TRADER_WEBHOOK_SECRET', value: '[redacted]' }));
    expect(failure({ TRADER_WEBHOOK_URL: 'ftp://hooks.example.org', TRADER_WEBHOOK_SECRET: 'a-long-enough-secret-0123' }).setting).toBe('TRADER_WEBHOOK_URL');
    // A webhook URL may carry a token in its path or query: a refusal does not echo it.
    expect(failure({ TRADER_WEBHOOK_URL: 'ftp://hooks.example.org/t/s3cr3t-path-token', TRADER_WEBHOOK_SECRET: 'a-long-enough-secret-0123' })).toEqual(expect.objectContaining({ setting: 'TRADER_WEBHOOK_URL', value: '[redacted]' }));
    expect(JSON.stringify(failure({ TRADER_WEBHOOK_URL: 'not a url ?token=s3cr3t', TRADER_WEBHOOK_SECRET: 'a-long-enough-secret-0123' }).message)).not.toContain('s3cr3t');
    const badDiscord = failure({ TRADER_DISCORD_WEBHOOK_URL: 'discord-token-without-url' });
    expect(badDiscord.message).not.toContain('discord-token');
    expect(failure({ TRADER_DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/x', TRADER_NOTIFY_DISCORD: 'fills,gossip' }).message).toContain('unknown kind "gossip"');
    expect(failure({ TRADER_DAILY_SUMMARY_AT: '9am' }).setting).toBe('TRADER_DAILY_SUMMARY_AT');
    expect(failure({ TRADER_TIMEZONE: 'Korea/Busan' }).setting).toBe('TRADER_TIMEZONE');
    expect(loadTraderConfig({ TRADER_DAILY_SUMMARY_AT: 'off' }).notifications.dailySummaryAt).toBeNull();
  });
});
