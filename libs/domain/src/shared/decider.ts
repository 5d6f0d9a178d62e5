/**
 * A domain event: a fact in the past tense. `type` is a storage contract (never renamed; old shapes are
 * upcast on read) and `data` is plain JSON data, decimals as strings.
 */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * An aggregate as a decider (the shape Emmett uses): pure functions, no I/O, no hidden state.
 * `decide` refuses an illegal command by throwing a typed error; business refusals are events.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
