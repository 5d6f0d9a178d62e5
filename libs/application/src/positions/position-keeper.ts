import type { OrderEvent } from '@trader/domain';
import { StoredEvent } from '../ports/event-envelope';
import { PositionRepository } from './position-repository';

type OrderFilledData = Extract<OrderEvent, { type: 'OrderFilled' }>['data'];

/**
 * Builds positions from fills and nothing else: every OrderFilled becomes a fill of the position of its
 * market. Driven from the event store on the critical lane; the fill's event id is the command id, so a
 * fill delivered again after a crash is stored once (and the position decider also ignores a trade id
 * it has already counted).
 */
export class PositionKeeper {
  readonly name = 'position-keeper';
  readonly eventTypes = ['OrderFilled'] as const;

  constructor(private readonly positions: PositionRepository) {}

  async handle(event: StoredEvent): Promise<void> {
    if (event.type !== 'OrderFilled') return;
    const fill = event.data as OrderFilledData;
    await this.positions.handle(
      fill.market,
      {
        type: 'ApplyFill',
        data: {
          market: fill.market,
          tradeId: fill.tradeId,
          side: fill.side,
          price: fill.price,
          volume: fill.volume,
          fee: fill.fee,
          at: fill.filledAt,
        },
      },
      {
        commandId: `${event.eventId}:position`,
        correlationId: event.metadata.correlationId ?? event.eventId,
        causationId: event.eventId,
      },
    );
  }
}
