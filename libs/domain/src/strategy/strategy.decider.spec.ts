import { DeciderSpecification } from '../shared/testing/decider-specification';
import { basicSevenRulesStrategy } from './basic-seven-rules';
import { StrategyCommand } from './strategy.commands';
import { strategyDecider } from './strategy.decider';
import {
  IllegalStrategyTransitionError,
  InvalidStrategyDefinitionError,
  StrategyIdMismatchError,
  StrategyVersionConflictError,
} from './strategy.errors';
import { StrategyEvent } from './strategy.events';

const given = DeciderSpecification.for(strategyDecider);
const definition = basicSevenRulesStrategy();
const v2 = { ...definition, version: 2, markets: ['KRW-BTC', 'KRW-ETH'] };
const defined: StrategyEvent = { type: 'StrategyDefined', data: { definition, at: 1 } };
const disabled: StrategyEvent = { type: 'StrategyDisabled', data: { strategyId: definition.id, version: 1, at: 2 } };

const define = (d: unknown): StrategyCommand => ({ type: 'DefineStrategy', data: { definition: d, at: 1 } });
const revise = (d: unknown): StrategyCommand => ({ type: 'ReviseStrategy', data: { definition: d, at: 3 } });
const enable: StrategyCommand = { type: 'EnableStrategy', data: { at: 2 } };
const disable: StrategyCommand = { type: 'DisableStrategy', data: { at: 2 } };

describe('Strategy decider', () => {
  it('defines a strategy from valid data', () => {
    given([]).when(define(JSON.parse(JSON.stringify(definition)))).then([defined]);
  });

  it('refuses an invalid definition', () => {
    given([]).when(define({ ...definition, markets: [] })).thenThrows(InvalidStrategyDefinitionError);
  });

  it('revises to a higher version of the same strategy', () => {
    given([defined]).when(revise(v2)).then([{ type: 'StrategyRevised', data: { definition: v2, previousVersion: 1, at: 3 } }]);
  });

  it('refuses a revision that does not raise the version or names another strategy', () => {
    given([defined]).when(revise(definition)).thenThrows(StrategyVersionConflictError);
    given([defined]).when(revise({ ...v2, id: 'other' })).thenThrows(StrategyIdMismatchError);
  });

  it('disables an enabled strategy and enables a disabled one', () => {
    given([defined]).when(disable).then([disabled]);
    given([defined, disabled]).when(enable).then([{ type: 'StrategyEnabled', data: { strategyId: definition.id, version: 1, at: 2 } }]);
  });

  it.each([
    ['defining twice', [defined], define(definition)],
    ['revising an undefined strategy', [], revise(v2)],
    ['enabling an undefined strategy', [], enable],
    ['disabling an undefined strategy', [], disable],
    ['enabling an enabled strategy', [defined], enable],
    ['disabling a disabled strategy', [defined, disabled], disable],
  ] as const)('refuses %s', (_name, history, command) => {
    given([...history]).when(command).thenThrows(IllegalStrategyTransitionError);
  });
});
