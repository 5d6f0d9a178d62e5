import { Decider } from '../shared/decider';
import { JsonValue } from '../shared/json-value';
import { growsExposure, parseOrderIntent } from '../shared/order-intent';
import { SessionCommand } from './session.commands';
import { IllegalSessionTransitionError, OrderAlreadyInFlightError, OrderNotInFlightError } from './session.errors';
import { SessionEvent } from './session.events';

/**
 * idle: not trading (strategies stopped); trading; halted: no new entries or adds, exits and cancels
 * pass; reducing: winding positions down, likewise only exits and cancels.
 */
export type SessionMode = 'idle' | 'trading' | 'halted' | 'reducing';

export type DeferredChange =
  | { readonly kind: 'config'; readonly changeId: string; readonly key: string; readonly value: JsonValue }
  | { readonly kind: 'database_profile'; readonly changeId: string; readonly profile: string };

export interface SessionState {
  readonly mode: SessionMode;
  readonly haltReason: string | null;
  readonly ordersInFlight: readonly string[];
  /** Changes requested while an order was in flight, applied in request order once none is. */
  readonly deferred: readonly DeferredChange[];
  readonly config: Readonly<Record<string, JsonValue>>;
  readonly databaseProfile: string;
}

export const DEFAULT_DATABASE_PROFILE = 'default';

const DENIAL_REASON: Record<Exclude<SessionMode, 'trading'>, string> = {
  idle: 'session_not_trading',
  halted: 'session_halted',
  reducing: 'session_reducing',
};

function transition(command: SessionCommand['type'], state: SessionState, from: readonly SessionMode[]): void {
  if (!from.includes(state.mode)) throw new IllegalSessionTransitionError(command, state.mode);
}

function applyDeferred(state: SessionState, at: number): SessionEvent[] {
  let profile = state.databaseProfile;
  return state.deferred.map((change): SessionEvent => {
    if (change.kind === 'config') {
      return { type: 'ConfigChangeApplied', data: { changeId: change.changeId, key: change.key, value: change.value, at } };
    }
    const from = profile;
    profile = change.profile;
    return { type: 'DatabaseProfileSwitched', data: { changeId: change.changeId, from, to: change.profile, at } };
  });
}

function decide(command: SessionCommand, state: SessionState): SessionEvent[] {
  const { at } = command.data;
  switch (command.type) {
    case 'StartTrading':
      transition(command.type, state, ['idle']);
      return [{ type: 'TradingStarted', data: { at } }];
    case 'StopTrading':
      transition(command.type, state, ['trading', 'halted', 'reducing']);
      return [{ type: 'TradingStopped', data: { at } }];
    case 'HaltTrading':
      // Several limits can trip at once (daily loss, then drawdown): halting a halted session is a no-op.
      if (state.mode === 'halted') return [];
      return [{ type: 'TradingHalted', data: { reason: command.data.reason, at } }];
    case 'ResumeTrading':
      transition(command.type, state, ['halted', 'reducing']);
      return [{ type: 'TradingResumed', data: { at } }];
    case 'StartReducing':
      transition(command.type, state, ['trading', 'halted']);
      return [{ type: 'ReducingStarted', data: { at } }];
    case 'BeginOrder': {
      const { orderId } = command.data;
      const intent = parseOrderIntent(command.data.intent);
      if (state.ordersInFlight.includes(orderId)) throw new OrderAlreadyInFlightError(orderId);
      if (command.data.blockedBy !== undefined && intent !== 'cancel') {
        const reasonCode = command.data.blockedBy;
        return [{ type: 'OrderDenied', data: { orderId, intent, deniedBy: 'session', reasonCode, detail: `no order leaves: ${reasonCode}`, at } }];
      }
      if (state.mode !== 'trading' && growsExposure(intent)) {
        const reasonCode = DENIAL_REASON[state.mode];
        const detail = state.mode === 'halted' ? `halted: ${state.haltReason ?? 'unknown'}` : `session is ${state.mode}`;
        return [{ type: 'OrderDenied', data: { orderId, intent, deniedBy: 'session', reasonCode, detail, at } }];
      }
      return [{ type: 'SessionOrderStarted', data: { orderId, intent, at } }];
    }
    case 'EndOrder': {
      const { orderId } = command.data;
      if (!state.ordersInFlight.includes(orderId)) throw new OrderNotInFlightError(orderId);
      const ended: SessionEvent = { type: 'SessionOrderEnded', data: { orderId, at } };
      return state.ordersInFlight.length === 1 ? [ended, ...applyDeferred(state, at)] : [ended];
    }
    case 'RequestConfigChange': {
      const { changeId, key, value, urgent } = command.data;
      if (state.ordersInFlight.length === 0) return [{ type: 'ConfigChangeApplied', data: { changeId, key, value, at } }];
      if (urgent) return [{ type: 'ConfigChangeRefused', data: { changeId, key, reasonCode: 'order_in_flight', at } }];
      return [{ type: 'ConfigChangeDeferred', data: { changeId, key, value, waitingFor: [...state.ordersInFlight], at } }];
    }
    case 'RequestDatabaseProfileSwitch': {
      const { changeId, profile, urgent } = command.data;
      const pending = state.deferred.flatMap((c) => (c.kind === 'database_profile' ? [c.profile] : []));
      const target = pending.length > 0 ? pending[pending.length - 1] : state.databaseProfile;
      if (profile === target) {
        return [{ type: 'DatabaseProfileSwitchRefused', data: { changeId, profile, reasonCode: 'profile_already_active', at } }];
      }
      if (state.ordersInFlight.length === 0) {
        return [{ type: 'DatabaseProfileSwitched', data: { changeId, from: state.databaseProfile, to: profile, at } }];
      }
      if (urgent) return [{ type: 'DatabaseProfileSwitchRefused', data: { changeId, profile, reasonCode: 'order_in_flight', at } }];
      return [{ type: 'DatabaseProfileSwitchDeferred', data: { changeId, profile, waitingFor: [...state.ordersInFlight], at } }];
    }
  }
}

function evolve(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'TradingStarted':
    case 'TradingResumed':
      return { ...state, mode: 'trading', haltReason: null };
    case 'TradingStopped':
      return { ...state, mode: 'idle', haltReason: null };
    case 'TradingHalted':
      return { ...state, mode: 'halted', haltReason: event.data.reason };
    case 'ReducingStarted':
      return { ...state, mode: 'reducing', haltReason: null };
    case 'SessionOrderStarted':
      return { ...state, ordersInFlight: [...state.ordersInFlight, event.data.orderId] };
    case 'SessionOrderEnded':
      return { ...state, ordersInFlight: state.ordersInFlight.filter((id) => id !== event.data.orderId) };
    case 'OrderDenied':
    case 'ConfigChangeRefused':
    case 'DatabaseProfileSwitchRefused':
      return state;
    case 'ConfigChangeApplied':
      return {
        ...state,
        config: { ...state.config, [event.data.key]: event.data.value },
        deferred: state.deferred.filter((c) => c.changeId !== event.data.changeId),
      };
    case 'ConfigChangeDeferred': {
      const { changeId, key, value } = event.data;
      return { ...state, deferred: [...state.deferred, { kind: 'config', changeId, key, value }] };
    }
    case 'DatabaseProfileSwitched':
      return {
        ...state,
        databaseProfile: event.data.to,
        deferred: state.deferred.filter((c) => c.changeId !== event.data.changeId),
      };
    case 'DatabaseProfileSwitchDeferred': {
      const { changeId, profile } = event.data;
      return { ...state, deferred: [...state.deferred, { kind: 'database_profile', changeId, profile }] };
    }
  }
}

export const tradingSessionDecider: Decider<SessionCommand, SessionEvent, SessionState> = {
  decide,
  evolve,
  initialState: () => ({
    mode: 'idle',
    haltReason: null,
    ordersInFlight: [],
    deferred: [],
    config: {},
    databaseProfile: DEFAULT_DATABASE_PROFILE,
  }),
};
