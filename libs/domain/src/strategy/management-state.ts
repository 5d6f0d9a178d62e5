/**
 * What the management rules remember about the open position, beyond the accounting: plain JSON data,
 * so a runner can snapshot it. Updated from fills (recordBuy, recordPositionClosed) and from ticks
 * (the high since entry, the trailing stop, the surge guard, the crash exit) by the evaluator. Moving
 * the trailing stop and stopping pyramiding are changes of this state, never decisions of their own.
 */
export interface ManagementState {
  /** Price of the most recent buy fill (entry or add): pyramiding steps from it. */
  readonly lastBuyPrice: number | null;
  readonly pyramidingAdds: number;
  readonly averagingDownAdds: number;
  /** Highest price seen while the position was open. */
  readonly highSinceEntry: number | null;
  /** The trailing stop once armed (null before): ratchets up with each new high, never down. */
  readonly trailingStopPrice: number | null;
  /** A surge was seen: no more pyramiding adds for the rest of this position. */
  readonly pyramidingStopped: boolean;
  /** After a crash exit, no entry on this market before this time; outlives the position it closed. */
  readonly entriesPausedUntil: number | null;
}

export const FLAT_MANAGEMENT: ManagementState = {
  lastBuyPrice: null,
  pyramidingAdds: 0,
  averagingDownAdds: 0,
  highSinceEntry: null,
  trailingStopPrice: null,
  pyramidingStopped: false,
  entriesPausedUntil: null,
};

export type BuyReason = 'entry' | 'pyramiding' | 'averaging_down' | 'management_trigger';

/** A buy of ours filled: an entry starts afresh, an add counts against its rule's limit (a merged add against each). */
export function recordBuy(state: ManagementState, reason: BuyReason | readonly BuyReason[], price: number): ManagementState {
  const reasons: readonly BuyReason[] = typeof reason === 'string' ? [reason] : reason;
  if (reasons.includes('entry')) return { ...FLAT_MANAGEMENT, lastBuyPrice: price, highSinceEntry: price, entriesPausedUntil: state.entriesPausedUntil };
  const count = (r: BuyReason): number => reasons.filter((x) => x === r).length;
  return {
    ...state,
    lastBuyPrice: price,
    pyramidingAdds: state.pyramidingAdds + count('pyramiding'),
    averagingDownAdds: state.averagingDownAdds + count('averaging_down'),
  };
}

/** The position is flat: everything about it is forgotten, except a pause on entries that is still running. */
export function recordPositionClosed(state: ManagementState): ManagementState {
  return { ...FLAT_MANAGEMENT, entriesPausedUntil: state.entriesPausedUntil };
}

/**
 * A snapshot as stored, possibly by an older version (before issue 13: `trailingStopArmed` and
 * `addsSuspendedUntil`, no stop price). An armed stop of that shape is re-derived from the high since
 * entry (what it trailed then); a suspension of adds had no successor and lapses.
 */
export function restoreManagementState(snapshot: unknown, trailingDropPercent: number | null): ManagementState {
  const raw = (typeof snapshot === 'object' && snapshot !== null ? snapshot : {}) as Record<string, unknown>;
  const num = (key: string): number | null => (typeof raw[key] === 'number' && Number.isFinite(raw[key]) ? (raw[key] as number) : null);
  const highSinceEntry = num('highSinceEntry');
  const legacyArmed = raw.trailingStopArmed === true && highSinceEntry !== null && trailingDropPercent !== null;
  return {
    lastBuyPrice: num('lastBuyPrice'),
    pyramidingAdds: num('pyramidingAdds') ?? 0,
    averagingDownAdds: num('averagingDownAdds') ?? 0,
    highSinceEntry,
    trailingStopPrice: num('trailingStopPrice') ?? (legacyArmed ? highSinceEntry * (1 - trailingDropPercent / 100) : null),
    pyramidingStopped: raw.pyramidingStopped === true,
    entriesPausedUntil: num('entriesPausedUntil'),
  };
}
