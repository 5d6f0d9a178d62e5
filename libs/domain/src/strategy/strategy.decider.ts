import { Decider } from '../shared/decider';
import { StrategyCommand } from './strategy.commands';
import { IllegalStrategyTransitionError, StrategyIdMismatchError, StrategyVersionConflictError } from './strategy.errors';
import { StrategyEvent } from './strategy.events';
import { StrategyDefinition } from './strategy-definition';
import { validateStrategyDefinition } from './strategy-validation';

export type StrategyState = { readonly status: 'undefined' } | { readonly status: 'defined'; readonly definition: StrategyDefinition };

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
      if (definition.version <= current.version) throw new StrategyVersionConflictError(current.version, definition.version);
      return [{ type: 'StrategyRevised', data: { definition, previousVersion: current.version, at: command.data.at } }];
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
      return { status: 'defined', definition: event.data.definition };
    case 'StrategyEnabled':
    case 'StrategyDisabled':
      if (state.status === 'undefined') throw new IllegalStrategyTransitionError(event.type, status(state));
      return { status: 'defined', definition: { ...state.definition, enabled: event.type === 'StrategyEnabled' } };
  }
}

export const strategyDecider: Decider<StrategyCommand, StrategyEvent, StrategyState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'undefined' }),
};
