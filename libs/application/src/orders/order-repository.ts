import type { OrderCommand, OrderEvent, OrderState } from '@trader/domain';
import { AggregateRepository } from '../ports/aggregate-repository.port';

/** Orders live in streams `order-<client order id>`; the client order id is Upbit's `identifier`. */
export const ORDER_AGGREGATE = 'order';

export type OrderRepository = AggregateRepository<OrderCommand, OrderEvent, OrderState>;

/** DI token of the order repository. */
export const ORDER_REPOSITORY = Symbol('ORDER_REPOSITORY');
