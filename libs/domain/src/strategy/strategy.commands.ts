/** `definition` is untrusted data (an imported JSON file, an API body): the decider validates it. */
export interface DefineStrategy {
  type: 'DefineStrategy';
  data: { definition: unknown; at: number };
}

export interface ReviseStrategy {
  type: 'ReviseStrategy';
  data: { definition: unknown; at: number };
}

export interface EnableStrategy {
  type: 'EnableStrategy';
  data: { at: number };
}

export interface DisableStrategy {
  type: 'DisableStrategy';
  data: { at: number };
}

export type StrategyCommand = DefineStrategy | ReviseStrategy | EnableStrategy | DisableStrategy;
