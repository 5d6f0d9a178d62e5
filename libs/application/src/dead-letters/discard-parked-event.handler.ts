import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DEAD_LETTERS, DeadLetters } from './dead-letters.port';
import { DiscardParkedEvent } from './discard-parked-event.command';

@CommandHandler(DiscardParkedEvent)
export class DiscardParkedEventHandler implements ICommandHandler<DiscardParkedEvent, void> {
  constructor(@Inject(DEAD_LETTERS) private readonly deadLetters: DeadLetters) {}

  execute(command: DiscardParkedEvent): Promise<void> {
    return this.deadLetters.discard(command.id);
  }
}
