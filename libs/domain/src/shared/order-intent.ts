import { enumParser } from './enum-parser';

/**
 * Why an order is placed, which decides what a halted or reducing session and the risk policy let
 * through: entries and adds grow exposure; exits and cancels reduce it and always pass a halt.
 */
export const ORDER_INTENTS = ['entry', 'add', 'exit', 'cancel'] as const;
export type OrderIntent = (typeof ORDER_INTENTS)[number];
export const parseOrderIntent = enumParser<OrderIntent>('order intent', ORDER_INTENTS);

export function growsExposure(intent: OrderIntent): boolean {
  return intent === 'entry' || intent === 'add';
}
