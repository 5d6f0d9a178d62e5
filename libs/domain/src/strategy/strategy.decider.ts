import { Decider } from '../shared/decider';
import { StrategyCommand } from './strategy.commands';
import { IllegalStrategyTransitionError, StrategyIdMismatchError, StrategyVersionConflictError } from './strategy.errors';
import { StrategyEvent } from './strategy.events';
import { StrategyDefinition } from './strategy-definition';
import { validateStrategyDefinition } from './strategy-validation';

/** `pendingRevision`: a revision deferred while a position is open (the definition it will become). */
export type StrategyState =
  | { readonly status: 'undefined' }
  | { readonly status: 'defined'; readonly definition: StrategyDefinition; readonly pendingRevision: StrategyDefinition | null };

function status(state: StrategyState): string {
  if (state.status === 'undefined') return 'not defined';
  return state.definition.enabled ? 'enabled' : 'disabled';
}

function decide(command: StrategyCommand, state: StrategyState): StrategyEvent[] {
  switch (command.type) {
    case 'DefineStrategy': {
      if (state.status !== 'undefined') throw new IllegalStrategyTransitionError(command.type, status(state));
      const definition = validateStrategyDefinition(command.data.definition);
      return [{ type: 'StrategyDefined', data: { definition, at: command.data.at } }];
    }
    case 'ReviseStrategy': {
      if (state.status === 'undefined') throw new IllegalStrategyTransitionError(command.type, status(state));
      const definition = validateStrategyDefinition(command.data.definition);
      const current = state.definition;
      if (definition.id !== current.id) throw new StrategyIdMismatchError(current.id, definition.id);
      const latest = state.pendingRevision?.version ?? current.version;
      if (definition.version <= latest) throw new StrategyVersionConflictError(latest, definition.version);
      const waitingFor = (command.data.openMarkets ?? []).filter((m) => current.markets.includes(m));
      if (waitingFor.length > 0) {
        return [{ type: 'StrategyRevisionDeferred', data: { definition, previousVersion: current.version, waitingFor, at: command.data.at } }];
      }
      return [{ type: 'StrategyRevised', data: { definition, previousVersion: current.version, at: command.data.at } }];
    }
    case 'ApplyDeferredRevision': {
      if (state.status === 'undefined' || state.pendingRevision === null) return [];
      if (command.data.openMarkets.some((m) => state.definition.markets.includes(m))) return [];
      return [{ type: 'StrategyRevised', data: { definition: state.pendingRevision, previousVersion: state.definition.version, at: command.data.at } }];
    }
    case 'EnableStrategy':
    case 'DisableStrategy': {
      const enable = command.type === 'EnableStrategy';
      if (state.status === 'undefined' || state.definition.enabled === enable) {
        throw new IllegalStrategyTransitionError(command.type, status(state));
      }
      const data = { strategyId: state.definition.id, version: state.definition.version, at: command.data.at };
      return [enable ? { type: 'StrategyEnabled', data } : { type: 'StrategyDisabled', data }];
    }
  }
}

function evolve(state: StrategyState, event: StrategyEvent): StrategyState {
  switch (event.type) {
    case 'StrategyDefined':
    case 'StrategyRevised':
      return { status: 'defined', definition: event.data.definition, pendingRevision: null };
    case 'StrategyRevisionDeferred':
      if (state.status === 'undefined') throw new IllegalStrategyTransitionError(event.type, status(state));
      return { ...state, pendingRevision: event.data.definition };
    case 'StrategyEnabled':
    case 'StrategyDisabled': {
      if (state.status === 'undefined') throw new IllegalStrategyTransitionError(event.type, status(state));
      // The latest enable or disable also holds for a revision still waiting.
      const enabled = event.type === 'StrategyEnabled';
      const pendingRevision = state.pendingRevision && { ...state.pendingRevision, enabled };
      return { status: 'defined', definition: { ...state.definition, enabled }, pendingRevision };
    }
  }
}

export const strategyDecider: Decider<StrategyCommand, StrategyEvent, StrategyState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'undefined' }),
};
