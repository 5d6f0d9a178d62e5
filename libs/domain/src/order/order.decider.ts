import { IdSet } from '../shared/id-set';
import { Decider } from '../shared/decider';
import { Dec, decimalText, parseDecimal } from '../shared/decimal';
import { InvalidDecimalError, InvalidPriceError } from '../market/market.errors';
import { Volume } from '../market/volume';
import { OrderCommand, RecordFill } from './order.commands';
import { ExchangeOrderIdMismatchError, IllegalOrderTransitionError, OrderOverfilledError, OrderSendAlreadyStartedError } from './order.errors';
import { OrderAccepted, OrderEvent, OrderFilled } from './order.events';
import { OrderState, OrderStatus, PlacedOrder } from './order.state';
import { validateOrderTerms } from './order-terms';

const FILLABLE: readonly OrderStatus[] = ['submitted', 'unknown', 'accepted', 'partially_filled', 'pending_cancel'];
const AWAITING_OUTCOME: readonly OrderStatus[] = ['submitted', 'unknown'];
const WORKING: readonly OrderStatus[] = ['accepted', 'partially_filled'];

function placed(state: OrderState, command: OrderCommand, allowed: readonly OrderStatus[]): PlacedOrder {
  if (state.status === 'new' || !allowed.includes(state.status)) {
    throw new IllegalOrderTransitionError(command.type, state.status);
  }
  return state;
}

function positive(what: string, text: string): Dec {
  const value = parseDecimal(text);
  if (!value) throw new InvalidDecimalError(what, text);
  if (value.lte(0)) throw new InvalidPriceError(text);
  return value;
}

function nonNegative(what: string, text: string): Dec {
  const value = parseDecimal(text);
  if (!value || value.isNegative()) throw new InvalidDecimalError(what, text);
  return value;
}

function accepted(order: PlacedOrder, exchangeOrderId: string, at: number): OrderAccepted {
  return { type: 'OrderAccepted', data: { orderId: order.orderId, exchangeOrderId, acceptedAt: at } };
}

function decideFill(order: OrderState, command: RecordFill): OrderEvent[] {
  const { data } = command;
  // Upbit may deliver a trade twice (WebSocket and the REST lookup): the trade id makes it idempotent.
  if (order.status !== 'new' && order.tradeIds.has(data.tradeId)) return [];
  const current = placed(order, command, FILLABLE);
  if (current.exchangeOrderId !== null && current.exchangeOrderId !== data.exchangeOrderId) {
    throw new ExchangeOrderIdMismatchError(current.exchangeOrderId, data.exchangeOrderId);
  }
  // A fill price is a fact from the venue: checked for sanity, not against our copy of the tick table.
  const price = positive('Fill price', data.price);
  const volume = Volume.of(data.volume).value;
  const fee = nonNegative('Fee', data.fee);
  const funds = price.mul(volume);
  const executedVolume = current.executedVolume.plus(volume);
  const executedFunds = current.executedFunds.plus(funds);
  if ((current.volume && executedVolume.gt(current.volume)) || (current.funds && executedFunds.gt(current.funds))) {
    throw new OrderOverfilledError(current.orderId, data.tradeId);
  }
  const filled: OrderFilled = {
    type: 'OrderFilled',
    data: {
      orderId: current.orderId,
      market: current.market,
      side: current.side,
      tradeId: data.tradeId,
      price: decimalText(price),
      volume: decimalText(volume),
      funds: decimalText(funds),
      fee: decimalText(fee),
      executedVolume: decimalText(executedVolume),
      executedFunds: decimalText(executedFunds),
      filledAt: data.at,
    },
  };
  // A trade proves Upbit took the order, even if its answer to our request has not arrived yet.
  return current.exchangeOrderId === null ? [accepted(current, data.exchangeOrderId, data.at), filled] : [filled];
}

function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'SubmitOrder':
      if (state.status !== 'new') throw new IllegalOrderTransitionError(command.type, state.status);
      return [{ type: 'OrderSubmitted', data: validateOrderTerms(command.data) }];
    case 'MarkOrderSendStarted': {
      const order = placed(state, command, ['submitted']);
      // The mark is the only licence to send: a second one would mean a second POST of one identifier.
      if (order.sendStartedAt !== null) throw new OrderSendAlreadyStartedError(order.orderId, order.sendStartedAt);
      return [{ type: 'OrderSendStarted', data: { orderId: order.orderId, at: command.data.at } }];
    }
    case 'CorrectOrderState': {
      const order = placed(state, command, ['rejected']);
      const { exchangeOrderId, exchangeState, evidence, at } = command.data;
      return [{ type: 'OrderStateCorrected', data: { orderId: order.orderId, from: 'rejected', exchangeOrderId, exchangeState, evidence, correctedAt: at } }];
    }
    case 'MarkOrderOutcomeUnknown': {
      const order = placed(state, command, ['submitted']);
      return [{ type: 'OrderOutcomeUnknown', data: { orderId: order.orderId, ...command.data } }];
    }
    case 'RecordOrderAccepted': {
      if (state.status !== 'new' && state.exchangeOrderId !== null) {
        // Upbit's answer can arrive after a trade already told us: the same uuid again changes nothing.
        if (state.exchangeOrderId !== command.data.exchangeOrderId) {
          throw new ExchangeOrderIdMismatchError(state.exchangeOrderId, command.data.exchangeOrderId);
        }
        return [];
      }
      const order = placed(state, command, AWAITING_OUTCOME);
      return [accepted(order, command.data.exchangeOrderId, command.data.at)];
    }
    case 'RecordOrderRejected': {
      const order = placed(state, command, AWAITING_OUTCOME);
      const { reasonCode, message, at } = command.data;
      return [{ type: 'OrderRejected', data: { orderId: order.orderId, reasonCode, message, rejectedAt: at } }];
    }
    case 'RecordFill':
      return decideFill(state, command);
    case 'RequestOrderCancel': {
      const order = placed(state, command, WORKING);
      return [{ type: 'OrderCancelRequested', data: { orderId: order.orderId, requestedAt: command.data.at } }];
    }
    case 'RecordCancelRejected': {
      const order = placed(state, command, ['pending_cancel']);
      return [{ type: 'OrderCancelRejected', data: { orderId: order.orderId, ...command.data } }];
    }
    case 'RecordOrderCancelled': {
      const order = placed(state, command, [...WORKING, 'pending_cancel']);
      const executedVolume = decimalText(order.executedVolume);
      return [{ type: 'OrderCancelled', data: { orderId: order.orderId, executedVolume, cancelledAt: command.data.at } }];
    }
  }
}

function workingStatus(order: PlacedOrder): OrderStatus {
  return order.executedVolume.isZero() ? 'accepted' : 'partially_filled';
}

function evolve(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderSubmitted') {
    const { data } = event;
    return {
      status: 'submitted',
      orderId: data.orderId,
      market: data.market,
      side: data.side,
      orderType: data.orderType,
      timeInForce: data.timeInForce,
      price: data.price === null ? null : new Dec(data.price),
      volume: data.volume === null ? null : new Dec(data.volume),
      funds: data.funds === null ? null : new Dec(data.funds),
      exchangeOrderId: null,
      sendStartedAt: null,
      executedVolume: new Dec(0),
      executedFunds: new Dec(0),
      paidFee: new Dec(0),
      tradeIds: IdSet.empty(),
    };
  }
  if (state.status === 'new') throw new IllegalOrderTransitionError(event.type, state.status);
  switch (event.type) {
    case 'OrderSendStarted':
      return { ...state, sendStartedAt: event.data.at };
    case 'OrderOutcomeUnknown':
      return { ...state, status: 'unknown' };
    case 'OrderStateCorrected':
      return { ...state, status: 'accepted', exchangeOrderId: event.data.exchangeOrderId };
    case 'OrderAccepted':
      return { ...state, status: 'accepted', exchangeOrderId: event.data.exchangeOrderId };
    case 'OrderRejected':
      return { ...state, status: 'rejected' };
    case 'OrderFilled': {
      const executedVolume = new Dec(event.data.executedVolume);
      const executedFunds = new Dec(event.data.executedFunds);
      const complete = state.volume ? executedVolume.eq(state.volume) : executedFunds.eq(state.funds ?? 0);
      const next = {
        ...state,
        executedVolume,
        executedFunds,
        paidFee: state.paidFee.plus(event.data.fee),
        tradeIds: state.tradeIds.with(event.data.tradeId),
      };
      // A fill during pending-cancel keeps the cancel pending unless it completes the order.
      const status: OrderStatus = complete ? 'filled' : state.status === 'pending_cancel' ? 'pending_cancel' : 'partially_filled';
      return { ...next, status };
    }
    case 'OrderCancelRequested':
      return { ...state, status: 'pending_cancel' };
    case 'OrderCancelRejected':
      return { ...state, status: workingStatus(state) };
    case 'OrderCancelled':
      return { ...state, status: 'cancelled' };
  }
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'new' }),
};
