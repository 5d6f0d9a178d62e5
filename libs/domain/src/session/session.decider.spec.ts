import { InvalidEnumValueError } from '../shared/enum-parser';
import { DeciderSpecification } from '../shared/testing/decider-specification';
import { SessionCommand } from './session.commands';
import { SessionMode, tradingSessionDecider } from './session.decider';
import { IllegalSessionTransitionError, OrderAlreadyInFlightError, OrderNotInFlightError } from './session.errors';
import { SessionEvent } from './session.events';

const given = DeciderSpecification.for(tradingSessionDecider);

const started: SessionEvent = { type: 'TradingStarted', data: { at: 1 } };
const halted: SessionEvent = { type: 'TradingHalted', data: { reason: 'max_daily_loss', at: 2 } };
const reducing: SessionEvent = { type: 'ReducingStarted', data: { at: 2 } };
const inFlight = (orderId: string, intent: 'entry' | 'exit' = 'entry'): SessionEvent => ({ type: 'SessionOrderStarted', data: { orderId, intent, at: 3 } });

const MODES: Record<SessionMode, SessionEvent[]> = {
  idle: [],
  trading: [started],
  halted: [started, halted],
  reducing: [started, reducing],
};

const begin = (orderId: string, intent: string): SessionCommand => ({ type: 'BeginOrder', data: { orderId, intent, at: 4 } });
const end = (orderId: string): SessionCommand => ({ type: 'EndOrder', data: { orderId, at: 9 } });
const configChange = (changeId: string, urgent = false): SessionCommand => ({
  type: 'RequestConfigChange',
  data: { changeId, key: 'strategy.maxAdds', value: 2, urgent, at: 5 },
});
const profileSwitch = (changeId: string, profile: string, urgent = false): SessionCommand => ({
  type: 'RequestDatabaseProfileSwitch',
  data: { changeId, profile, urgent, at: 6 },
});

describe('TradingSession decider', () => {
  describe('modes', () => {
    it('starts, halts, resumes, reduces and stops', () => {
      given([]).when({ type: 'StartTrading', data: { at: 1 } }).then([started]);
      given([started]).when({ type: 'HaltTrading', data: { reason: 'max_daily_loss', at: 2 } }).then([halted]);
      given(MODES.halted).when({ type: 'ResumeTrading', data: { at: 3 } }).then([{ type: 'TradingResumed', data: { at: 3 } }]);
      given(MODES.halted).when({ type: 'StartReducing', data: { at: 2 } }).then([reducing]);
      given(MODES.reducing).when({ type: 'ResumeTrading', data: { at: 3 } }).then([{ type: 'TradingResumed', data: { at: 3 } }]);
      given(MODES.reducing).when({ type: 'StopTrading', data: { at: 4 } }).then([{ type: 'TradingStopped', data: { at: 4 } }]);
    });

    it('halts from any mode and treats a second halt as a no-op', () => {
      given([]).when({ type: 'HaltTrading', data: { reason: 'kill_switch', at: 2 } }).then([{ type: 'TradingHalted', data: { reason: 'kill_switch', at: 2 } }]);
      given(MODES.halted).when({ type: 'HaltTrading', data: { reason: 'max_drawdown', at: 3 } }).then([]);
    });

    const illegal: Array<[SessionCommand['type'], SessionMode]> = [
      ['StartTrading', 'trading'],
      ['StartTrading', 'halted'],
      ['StartTrading', 'reducing'],
      ['StopTrading', 'idle'],
      ['ResumeTrading', 'idle'],
      ['ResumeTrading', 'trading'],
      ['StartReducing', 'idle'],
      ['StartReducing', 'reducing'],
    ];
    it.each(illegal)('refuses %s while %s', (type, mode) => {
      given(MODES[mode])
        .when({ type, data: { at: 9 } } as SessionCommand)
        .thenThrows(IllegalSessionTransitionError, (e) => expect(e.value).toEqual({ command: type, mode }));
    });
  });

  describe('orders', () => {
    it.each(['entry', 'add', 'exit', 'cancel'])('lets a %s through while trading', (intent) => {
      given(MODES.trading).when(begin('o1', intent)).then([{ type: 'SessionOrderStarted', data: { orderId: 'o1', intent: intent as 'entry', at: 4 } }]);
    });

    it.each([
      ['halted', 'session_halted', 'halted: max_daily_loss'],
      ['reducing', 'session_reducing', 'session is reducing'],
      ['idle', 'session_not_trading', 'session is idle'],
    ] as const)('while %s denies entries and adds with a reason, and lets exits and cancels through', (mode, reasonCode, detail) => {
      for (const intent of ['entry', 'add'] as const) {
        given(MODES[mode]).when(begin('o1', intent)).then([
          { type: 'OrderDenied', data: { orderId: 'o1', intent, deniedBy: 'session', reasonCode, detail, at: 4 } },
        ]);
      }
      for (const intent of ['exit', 'cancel'] as const) {
        given(MODES[mode]).when(begin('o1', intent)).then([{ type: 'SessionOrderStarted', data: { orderId: 'o1', intent, at: 4 } }]);
      }
    });

    it('denies every order, exits too, while something outside the session blocks them (records not reconciled)', () => {
      for (const intent of ['entry', 'add', 'exit'] as const) {
        given(MODES.trading)
          .when({ type: 'BeginOrder', data: { orderId: 'o1', intent, at: 4, blockedBy: 'reconciliation_pending' } })
          .then([
            {
              type: 'OrderDenied',
              data: { orderId: 'o1', intent, deniedBy: 'session', reasonCode: 'reconciliation_pending', detail: 'no order leaves: reconciliation_pending', at: 4 },
            },
          ]);
      }
      given(MODES.trading)
        .when({ type: 'BeginOrder', data: { orderId: 'o1', intent: 'cancel', at: 4, blockedBy: 'reconciliation_pending' } })
        .then([{ type: 'SessionOrderStarted', data: { orderId: 'o1', intent: 'cancel', at: 4 } }]);
    });

    it('refuses an order already in flight, ending one that is not, and an unknown intent', () => {
      given([started, inFlight('o1')]).when(begin('o1', 'entry')).thenThrows(OrderAlreadyInFlightError);
      given([started]).when(end('o1')).thenThrows(OrderNotInFlightError);
      given([started]).when(begin('o1', 'short')).thenThrows(InvalidEnumValueError);
    });
  });

  describe('config and database-profile changes', () => {
    it('applies a change at once when no order is in flight', () => {
      given([started]).when(configChange('c1')).then([{ type: 'ConfigChangeApplied', data: { changeId: 'c1', key: 'strategy.maxAdds', value: 2, at: 5 } }]);
      given([started]).when(profileSwitch('p1', 'paper')).then([{ type: 'DatabaseProfileSwitched', data: { changeId: 'p1', from: 'default', to: 'paper', at: 6 } }]);
    });

    it('defers changes requested while an order is in flight and applies them, in order, when the last one ends', () => {
      const history: SessionEvent[] = [
        started,
        inFlight('o1'),
        inFlight('o2', 'exit'),
        { type: 'ConfigChangeDeferred', data: { changeId: 'c1', key: 'strategy.maxAdds', value: 2, waitingFor: ['o1', 'o2'], at: 5 } },
        { type: 'DatabaseProfileSwitchDeferred', data: { changeId: 'p1', profile: 'paper', waitingFor: ['o1', 'o2'], at: 6 } },
      ];
      given(history.slice(0, 3)).when(configChange('c1')).then([history[3]]);
      given(history.slice(0, 4)).when(profileSwitch('p1', 'paper')).then([history[4]]);
      given(history).when(end('o1')).then([{ type: 'SessionOrderEnded', data: { orderId: 'o1', at: 9 } }]);
      given([...history, { type: 'SessionOrderEnded', data: { orderId: 'o1', at: 9 } }])
        .when(end('o2'))
        .then([
          { type: 'SessionOrderEnded', data: { orderId: 'o2', at: 9 } },
          { type: 'ConfigChangeApplied', data: { changeId: 'c1', key: 'strategy.maxAdds', value: 2, at: 9 } },
          { type: 'DatabaseProfileSwitched', data: { changeId: 'p1', from: 'default', to: 'paper', at: 9 } },
        ]);
    });

    it('leaves nothing deferred once applied', () => {
      const history: SessionEvent[] = [
        started,
        inFlight('o1'),
        { type: 'ConfigChangeDeferred', data: { changeId: 'c1', key: 'k', value: 1, waitingFor: ['o1'], at: 5 } },
        { type: 'SessionOrderEnded', data: { orderId: 'o1', at: 9 } },
        { type: 'ConfigChangeApplied', data: { changeId: 'c1', key: 'k', value: 1, at: 9 } },
        inFlight('o2'),
      ];
      given(history).when(end('o2')).then([{ type: 'SessionOrderEnded', data: { orderId: 'o2', at: 9 } }]);
      const state = history.reduce(tradingSessionDecider.evolve, tradingSessionDecider.initialState());
      expect(state.config).toEqual({ k: 1 });
      expect(state.deferred).toEqual([]);
    });

    it('refuses urgent changes while an order is in flight, with a reason', () => {
      given([started, inFlight('o1')]).when(configChange('c1', true)).then([
        { type: 'ConfigChangeRefused', data: { changeId: 'c1', key: 'strategy.maxAdds', reasonCode: 'order_in_flight', at: 5 } },
      ]);
      given([started, inFlight('o1')]).when(profileSwitch('p1', 'paper', true)).then([
        { type: 'DatabaseProfileSwitchRefused', data: { changeId: 'p1', profile: 'paper', reasonCode: 'order_in_flight', at: 6 } },
      ]);
    });

    it('refuses switching to the profile already active or already queued', () => {
      given([started]).when(profileSwitch('p1', 'default')).then([
        { type: 'DatabaseProfileSwitchRefused', data: { changeId: 'p1', profile: 'default', reasonCode: 'profile_already_active', at: 6 } },
      ]);
      given([started, inFlight('o1'), { type: 'DatabaseProfileSwitchDeferred', data: { changeId: 'p1', profile: 'paper', waitingFor: ['o1'], at: 6 } }])
        .when(profileSwitch('p2', 'paper'))
        .then([{ type: 'DatabaseProfileSwitchRefused', data: { changeId: 'p2', profile: 'paper', reasonCode: 'profile_already_active', at: 6 } }]);
    });
  });
});
