import { EngageKillSwitch, GetOrders, GetPnl, GetPositions, GetRiskState, GetSession, HaltTrading, ResumeTrading } from '@trader/application';
import type { CommandContext, KillSwitchResult, OrderView, PnlPeriod, PnlRow, RiskStateView, SessionView, ValuedPosition } from '@trader/application';
import { DomainError } from '@trader/domain';
import type { Clock } from '@trader/domain';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { KillConfirmations, killConfirmationMs } from './kill-confirmations';
import { helpReply, killReply, ordersReply, pnlReply, positionsReply, statusReply } from './telegram-replies';

/** A text message from an allowed chat, with the update that carried it. */
export interface TelegramCommandMessage {
  readonly updateId: number;
  readonly chatId: string;
  readonly text: string;
}

const DAY_MS = 86_400_000;
/** The admin API's limit on a halt or kill reason (ReasonRequestDto). */
const maxReasonLength = 200;
/** How many open orders one reply lists. */
const ordersShown = 20;

/**
 * The Telegram commands: each goes through the same command and query buses as the admin API, and the
 * events an operator command stores carry `actor: telegram:<chat id>` in their metadata. Halt and kill
 * also carry a command id derived from the update, so a command redelivered after a crash stores nothing
 * twice. Resume carries none: it changes two streams with one context, and a shared command id would
 * make the second stream's event look like a replay of the first's.
 */
export class TelegramCommands {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
    private readonly confirmations: KillConfirmations,
  ) {}

  /** The reply to a message; null when it is not a command (ordinary chat text is left alone). */
  async answer(message: TelegramCommandMessage): Promise<string | null> {
    const match = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(message.text.trim());
    if (!match?.[1]) return null;
    const name = match[1].toLowerCase();
    const argument = (match[2] ?? '').trim();
    const actor = `telegram:${message.chatId}`;
    try {
      switch (name) {
        case 'start':
        case 'help':
          return helpReply;
        case 'status':
          return statusReply(await this.queries.execute<GetSession, SessionView>(new GetSession()), await this.queries.execute<GetRiskState, RiskStateView>(new GetRiskState()));
        case 'positions':
          return positionsReply(await this.queries.execute<GetPositions, ValuedPosition[]>(new GetPositions()));
        case 'orders':
          return ordersReply(await this.queries.execute<GetOrders, OrderView[]>(new GetOrders({ openOnly: true, limit: ordersShown })));
        case 'pnl':
          return await this.pnl(argument);
        case 'halt':
          return await this.halt(argument, { actor, commandId: `telegram-${message.updateId}` });
        case 'resume':
          await this.commands.execute(new ResumeTrading({ actor }));
          return 'Trading resumed.';
        case 'kill':
          return await this.kill(message.chatId, argument, { actor, commandId: `telegram-${message.updateId}` });
        default:
          return `Unknown command /${name}. Send /help for the list.`;
      }
    } catch (error) {
      // A business refusal (resume while trading, kill twice) is the operator's answer; anything else is ours.
      if (error instanceof DomainError) return `Refused: ${error.message}`;
      throw error;
    }
  }

  private async pnl(argument: string): Promise<string> {
    const period = (argument === '' ? 'day' : argument.toLowerCase()) as PnlPeriod;
    if (!['day', 'week', 'month'].includes(period)) return 'Usage: /pnl [day|week|month]';
    const today = utcDay(this.clock.now());
    const from = pnlFrom(period, this.clock.now());
    return pnlReply(await this.queries.execute<GetPnl, PnlRow[]>(new GetPnl(period, from, today)), from, today);
  }

  private async halt(argument: string, context: CommandContext): Promise<string> {
    const reason = argument === '' ? 'halted from Telegram' : argument;
    if (reason.length > maxReasonLength) return `The reason is too long (at most ${maxReasonLength} characters).`;
    await this.commands.execute(new HaltTrading(reason, context));
    return `Trading halted: ${reason}. New entries are stopped; exits and cancels still run. /resume to trade again.`;
  }

  private async kill(chatId: string, argument: string, context: CommandContext): Promise<string> {
    if (argument === '') {
      const code = this.confirmations.issue(chatId);
      return `This cancels every order and halts trading. To confirm, send within ${killConfirmationMs / 1_000} seconds:\n/kill ${code}`;
    }
    if (!this.confirmations.redeem(chatId, argument)) return 'Wrong or expired code: nothing was done. Send /kill for a new one.';
    return killReply(await this.commands.execute<EngageKillSwitch, KillSwitchResult>(new EngageKillSwitch('kill switch from Telegram', context)));
  }
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The first day of the period's window: the last 7 days, the last 4 ISO weeks (from a Monday), the last 3 months. */
function pnlFrom(period: PnlPeriod, now: number): string {
  const today = new Date(utcDay(now));
  if (period === 'day') return utcDay(now - 6 * DAY_MS);
  if (period === 'week') return utcDay(today.getTime() - (((today.getUTCDay() + 6) % 7) + 21) * DAY_MS);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 2, 1)).toISOString().slice(0, 10);
}
