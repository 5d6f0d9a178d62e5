import { OrderFilter } from './read-models.port';

/** Which orders are there (newest first), filtered by market, status or open-only? */
export class GetOrders {
  constructor(readonly filter: OrderFilter = {}) {}
}
