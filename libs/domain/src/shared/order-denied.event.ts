import { DomainEvent } from './decider';
import { OrderIntent } from './order-intent';

/**
 * Our own refusal of an order before it leaves (the session or the risk policy), with a machine-readable
 * reason code. Not to be confused with OrderRejected: Upbit's refusal.
 */
export type OrderDenied = DomainEvent<
  'OrderDenied',
  { orderId: string; intent: OrderIntent; deniedBy: 'session' | 'risk'; reasonCode: string; detail: string; at: number }
>;
