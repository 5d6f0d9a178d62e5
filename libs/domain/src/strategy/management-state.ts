/**
 * What the management rules remember about the open position, beyond the accounting: plain JSON data,
 * so a runner can snapshot it. Updated from fills (recordBuy, recordPositionClosed) and from ticks
 * (the high since entry, the trailing stop, the surge suspension) by the evaluator.
 */
export interface ManagementState {
  /** Price of the most recent buy fill (entry or add): pyramiding steps from it. */
  readonly lastBuyPrice: number | null;
  readonly pyramidingAdds: number;
  readonly averagingDownAdds: number;
  /** Highest price seen while the position was open. */
  readonly highSinceEntry: number | null;
  readonly trailingStopArmed: boolean;
  /** Adds are suspended (surge guard) until this time. */
  readonly addsSuspendedUntil: number | null;
}

export const FLAT_MANAGEMENT: ManagementState = {
  lastBuyPrice: null,
  pyramidingAdds: 0,
  averagingDownAdds: 0,
  highSinceEntry: null,
  trailingStopArmed: false,
  addsSuspendedUntil: null,
};

export type BuyReason = 'entry' | 'pyramiding' | 'averaging_down' | 'management_trigger';

/** A buy of ours filled: an entry starts afresh, an add counts against its rule's limit. */
export function recordBuy(state: ManagementState, reason: BuyReason, price: number): ManagementState {
  if (reason === 'entry') return { ...FLAT_MANAGEMENT, lastBuyPrice: price, highSinceEntry: price };
  return {
    ...state,
    lastBuyPrice: price,
    pyramidingAdds: state.pyramidingAdds + (reason === 'pyramiding' ? 1 : 0),
    averagingDownAdds: state.averagingDownAdds + (reason === 'averaging_down' ? 1 : 0),
  };
}

export function recordPositionClosed(): ManagementState {
  return FLAT_MANAGEMENT;
}
