/**
 * Whether orders may leave at all, apart from the session's mode and the risk policy: the app holds
 * every order back (exits too) until the start-up reconciliation has brought our records in line with
 * the exchange. Returns the reason code that blocks orders, or null when they may go.
 */
export interface OrderAdmission {
  blockedBy(): string | null;
}

export const ORDER_ADMISSION = Symbol('ORDER_ADMISSION');
