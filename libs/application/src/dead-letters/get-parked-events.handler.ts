import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DEAD_LETTERS, DeadLetters, ParkedEvent } from './dead-letters.port';
import { GetParkedEvents } from './get-parked-events.query';

@QueryHandler(GetParkedEvents)
export class GetParkedEventsHandler implements IQueryHandler<GetParkedEvents, ParkedEvent[]> {
  constructor(@Inject(DEAD_LETTERS) private readonly deadLetters: DeadLetters) {}

  async execute(query: GetParkedEvents): Promise<ParkedEvent[]> {
    return this.deadLetters.list(query.subscriber);
  }
}
