import type { Clock } from '@trader/domain';
import { errorMessage, RuntimeLogger, TaskHandle, TaskManager, waitUnlessAborted } from '@trader/runtime';
import { TelegramApiError, TelegramBotApiClient } from '@trader/notifications';
import type { TelegramUpdate } from '@trader/notifications';
import { TelegramCommands } from './telegram-commands';
import { MalformedTelegramUpdateError } from './telegram-update.errors';

export const telegramPollerName = 'telegram-commands';
/**
 * A command older than this when the trader reads it is not carried out: Telegram keeps updates for a
 * day, and a /resume or /halt sent while the trader was down must not act hours later at its start.
 */
export const MAX_COMMAND_AGE_MS = 2 * 60_000;

/** Telegram holds a getUpdates open this long when there is nothing new (its docs suggest a long poll). */
export const defaultPollTimeoutSeconds = 25;
/** A 429's retry_after is obeyed, up to this many seconds; longer waits come back on the next request. */
const maxRetryAfterSeconds = 300;

export interface TelegramCommandPollerOptions {
  readonly chatIds: readonly string[];
  readonly pollTimeoutSeconds?: number;
}

/** The event database's subscriber checkpoints (EventStoreRuntime.checkpoints). */
export interface TelegramCheckpoints {
  position(subscriber: string): number;
  save(subscriber: string, position: number): Promise<void>;
}

/**
 * Long-polls the bot for messages and answers the commands of the allowed chats. The next offset is
 * kept in the event database's checkpoints (as subscriber `telegram-commands`) after each update, so
 * an update is handled once: a restart asks Telegram for the updates after it, never for it again.
 * A bad update is counted and skipped; a failed poll (network, 401, 409) ends the run and the task
 * manager restarts it with back-off; a 429 waits as long as Telegram asks. Stopping aborts the poll
 * in flight.
 */
export class TelegramCommandPoller {
  private readonly allowed: ReadonlySet<string>;
  private readonly pollTimeoutSeconds: number;
  private handle: TaskHandle | null = null;

  constructor(
    private readonly client: TelegramBotApiClient,
    private readonly commands: TelegramCommands,
    private readonly checkpoints: TelegramCheckpoints,
    private readonly tasks: TaskManager,
    private readonly logger: RuntimeLogger,
    private readonly clock: Clock,
    options: TelegramCommandPollerOptions,
  ) {
    this.allowed = new Set(options.chatIds);
    this.pollTimeoutSeconds = options.pollTimeoutSeconds ?? defaultPollTimeoutSeconds;
  }

  start(): void {
    this.handle = this.tasks.supervise(telegramPollerName, 'telegram', (signal) => this.poll(signal), {
      onDown: (error) => this.logger.warn(`telegram: polling for commands stopped (${errorMessage(error)}); restarting`),
    });
  }

  async stop(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    handle?.abort('telegram commands stopped');
    await handle?.done;
  }

  private async poll(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const offset = this.checkpoints.position(telegramPollerName);
      let updates: TelegramUpdate[];
      try {
        updates = await this.client.getUpdates({ ...(offset > 0 ? { offset } : {}), timeoutSeconds: this.pollTimeoutSeconds, allowedUpdates: ['message'] }, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof TelegramApiError && error.retryAfterSeconds !== null) {
          this.logger.warn(`telegram: getUpdates rate-limited; waiting ${error.retryAfterSeconds} s as asked`);
          await waitUnlessAborted(Math.min(error.retryAfterSeconds, maxRetryAfterSeconds) * 1_000, signal);
          continue;
        }
        throw error;
      }
      for (const update of updates) {
        if (signal.aborted) return;
        const updateId = (update as { update_id?: unknown }).update_id;
        if (typeof updateId !== 'number' || !Number.isSafeInteger(updateId) || updateId < 0) {
          this.tasks.noteItemFailure(telegramPollerName, new Error('an update without an update_id'));
          this.logger.warn('telegram: skipped an update without an update_id');
          continue;
        }
        if (updateId < offset) continue;
        try {
          await this.handleUpdate(update, signal);
        } catch (error) {
          if (signal.aborted) return;
          this.tasks.noteItemFailure(telegramPollerName, error);
          this.logger.warn(`telegram: update ${updateId} could not be handled: ${errorMessage(error)}`, { updateId });
        }
        await this.checkpoints.save(telegramPollerName, updateId + 1);
      }
    }
  }

  private async handleUpdate(update: TelegramUpdate, signal: AbortSignal): Promise<void> {
    const message = update['message'];
    if (!isRecord(message)) return;
    const chat = message['chat'];
    const chatIdValue = isRecord(chat) ? chat['id'] : undefined;
    if (typeof chatIdValue !== 'number' && typeof chatIdValue !== 'string') throw new MalformedTelegramUpdateError(update.update_id, 'a message without a chat id');
    const chatId = String(chatIdValue);
    if (!this.allowed.has(chatId)) {
      // No answer at all: a stranger learns nothing, not even that this bot listens to anyone.
      this.logger.warn(`telegram: ignored a message from chat ${chatId}, which is not in TRADER_TELEGRAM_CHAT_IDS`, { chatId });
      return;
    }
    const text = message['text'];
    if (text === undefined) return;
    if (typeof text !== 'string') throw new MalformedTelegramUpdateError(update.update_id, 'a message whose text is not a string');
    const sentAt = message['date'];
    if (typeof sentAt === 'number' && this.clock.now() - sentAt * 1000 > MAX_COMMAND_AGE_MS) {
      const minutes = Math.floor((this.clock.now() - sentAt * 1000) / 60_000);
      this.logger.warn(`telegram: ignored ${text.trim().split(/\s/, 1)[0] ?? ''} from chat ${chatId}, sent ${minutes} min ago`, { chatId });
      await this.send(chatId, `Ignored: ${text.trim()} was sent ${minutes} min ago, while the trader was not reading commands. Send it again if it still holds.`, signal);
      return;
    }
    const reply = await this.commands.answer({ updateId: update.update_id, chatId, text });
    if (reply === null) return;
    this.logger.info(`telegram: answered ${text.trim().split(/\s/, 1)[0] ?? ''} from chat ${chatId}`, { chatId, at: this.clock.now() });
    await this.send(chatId, reply, signal);
  }

  /** A reply that cannot be sent is logged, not retried forever: the command itself is done and recorded. */
  private async send(chatId: string, text: string, signal: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.sendMessage(chatId, text, signal);
        return;
      } catch (error) {
        if (signal.aborted) throw error;
        if (attempt === 1 && error instanceof TelegramApiError && error.retryAfterSeconds !== null) {
          await waitUnlessAborted(Math.min(error.retryAfterSeconds, maxRetryAfterSeconds) * 1_000, signal);
          continue;
        }
        this.logger.warn(`telegram: the reply to chat ${chatId} was not sent: ${errorMessage(error)}`, { chatId });
        return;
      }
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
