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
// Version 1 of the reference strategy, whatever version ships now.
const definition = { ...basicSevenRulesStrategy(), version: 1 };
const v2 = { ...definition, version: 2, markets: ['KRW-BTC', 'KRW-ETH'] };
const defined: StrategyEvent = { type: 'StrategyDefined', data: { definition, at: 1 } };
const disabled: StrategyEvent = { type: 'StrategyDisabled', data: { strategyId: definition.id, version: 1, at: 2 } };

const stateAfter = (events: StrategyEvent[]) => events.reduce(strategyDecider.evolve, strategyDecider.initialState());
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

  describe('a revision while a position is open', () => {
    const v3 = { ...v2, version: 3 };
    const reviseHolding = (d: unknown, openMarkets: string[]): StrategyCommand => ({ type: 'ReviseStrategy', data: { definition: d, at: 3, openMarkets } });
    const deferred: StrategyEvent = { type: 'StrategyRevisionDeferred', data: { definition: v2, previousVersion: 1, waitingFor: ['KRW-BTC'], at: 3 } };
    const applyWith = (openMarkets: string[]): StrategyCommand => ({ type: 'ApplyDeferredRevision', data: { openMarkets, at: 4 } });

    it('is deferred, naming the markets it waits for; the current version keeps running', () => {
      given([defined]).when(reviseHolding(v2, ['KRW-BTC'])).then([deferred]);
      expect(stateAfter([defined, deferred])).toEqual({ status: 'defined', definition, pendingRevision: v2 });
    });

    it('applies once every position is closed, and not before', () => {
      given([defined, deferred]).when(applyWith(['KRW-BTC'])).then([]);
      given([defined, deferred]).when(applyWith([])).then([{ type: 'StrategyRevised', data: { definition: v2, previousVersion: 1, at: 4 } }]);
      given([defined]).when(applyWith([])).then([]);
    });

    it('is replaced by a later revision, which must raise the pending version', () => {
      given([defined, deferred]).when(reviseHolding(v2, ['KRW-BTC'])).thenThrows(StrategyVersionConflictError);
      given([defined, deferred])
        .when(reviseHolding(v3, ['KRW-BTC']))
        .then([{ type: 'StrategyRevisionDeferred', data: { definition: v3, previousVersion: 1, waitingFor: ['KRW-BTC'], at: 3 } }]);
      given([defined, deferred]).when(revise(v3)).then([{ type: 'StrategyRevised', data: { definition: v3, previousVersion: 1, at: 3 } }]);
    });

    it('keeps an enable or disable made meanwhile', () => {
      const revised = stateAfter([defined, deferred, disabled]);
      expect(revised).toEqual({ status: 'defined', definition: { ...definition, enabled: false }, pendingRevision: { ...v2, enabled: false } });
    });
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
