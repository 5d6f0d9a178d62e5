/** An update Telegram would never send: counted as the loop's item failure, then skipped. */
export class MalformedTelegramUpdateError extends Error {
  readonly code = 'TELEGRAM_UPDATE_MALFORMED';

  constructor(
    readonly updateId: number,
    reason: string,
  ) {
    super(`update ${updateId} is malformed: ${reason}`);
    this.name = 'MalformedTelegramUpdateError';
  }
}
