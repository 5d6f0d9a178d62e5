import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DEAD_LETTERS, DeadLetters, ParkedRetryOutcome } from './dead-letters.port';
import { RetryParkedEvent } from './retry-parked-event.command';

@CommandHandler(RetryParkedEvent)
export class RetryParkedEventHandler implements ICommandHandler<RetryParkedEvent, ParkedRetryOutcome> {
  constructor(@Inject(DEAD_LETTERS) private readonly deadLetters: DeadLetters) {}

  execute(command: RetryParkedEvent): Promise<ParkedRetryOutcome> {
    return this.deadLetters.retry(command.id);
  }
}
