/** `definition` is untrusted data (an imported JSON file, an API body): the decider validates it. */
export interface DefineStrategy {
  type: 'DefineStrategy';
  data: { definition: unknown; at: number };
}

/**
 * `openMarkets`: the markets of the current definition where a position is open. A revision is not
 * applied in the middle of a position (its rules and its management state would change under it): it
 * is deferred until they are all closed.
 */
export interface ReviseStrategy {
  type: 'ReviseStrategy';
  data: { definition: unknown; at: number; openMarkets?: readonly string[] };
}

/** A position of the strategy closed: apply a deferred revision if none is open any more (nothing otherwise). */
export interface ApplyDeferredRevision {
  type: 'ApplyDeferredRevision';
  data: { openMarkets: readonly string[]; at: number };
}

export interface EnableStrategy {
  type: 'EnableStrategy';
  data: { at: number };
}

export interface DisableStrategy {
  type: 'DisableStrategy';
  data: { at: number };
}

export type StrategyCommand = DefineStrategy | ReviseStrategy | ApplyDeferredRevision | EnableStrategy | DisableStrategy;
