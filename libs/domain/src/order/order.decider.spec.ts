import { InvalidDecimalError, InvalidVolumeError, PriceOffTickError } from '../market/market.errors';
import { Dec } from '../shared/decimal';
import { DeciderSpecification } from '../shared/testing/decider-specification';
import { OrderCommand } from './order.commands';
import { orderDecider } from './order.decider';
import {
  ExchangeOrderIdMismatchError,
  IllegalOrderTransitionError,
  InvalidOrderTermsError,
  OrderOverfilledError,
  OrderSendAlreadyStartedError,
} from './order.errors';
import { OrderEvent, OrderFilled, OrderSubmitted } from './order.events';
import { OrderStatus } from './order.state';

const given = DeciderSpecification.for(orderDecider);
const ID = 'ord-1';
const UUID = 'upbit-uuid-1';

const submit: OrderCommand = {
  type: 'SubmitOrder',
  data: { orderId: ID, market: 'KRW-BTC', side: 'buy', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: '0.01', at: 1 },
};
const submitted: OrderSubmitted = {
  type: 'OrderSubmitted',
  data: {
    orderId: ID,
    market: 'KRW-BTC',
    side: 'buy',
    orderType: 'limit',
    timeInForce: 'gtc',
    price: '100000000',
    volume: '0.01',
    funds: null,
    submittedAt: 1,
  },
};
const unknown: OrderEvent = { type: 'OrderOutcomeUnknown', data: { orderId: ID, reason: 'timeout', at: 2 } };
const accepted: OrderEvent = { type: 'OrderAccepted', data: { orderId: ID, exchangeOrderId: UUID, acceptedAt: 3 } };
const rejected: OrderEvent = {
  type: 'OrderRejected',
  data: { orderId: ID, reasonCode: 'insufficient_funds_bid', message: 'no money', rejectedAt: 3 },
};

function fillCommand(tradeId: string, volume: string, at = 4): OrderCommand {
  return { type: 'RecordFill', data: { exchangeOrderId: UUID, tradeId, price: '100000000', volume, fee: '25', at } };
}

function filled(tradeId: string, volume: string, executedVolume: string, at = 4): OrderFilled {
  return {
    type: 'OrderFilled',
    data: {
      orderId: ID,
      market: 'KRW-BTC',
      side: 'buy',
      tradeId,
      price: '100000000',
      volume,
      funds: new Dec(volume).mul(100000000).toFixed(),
      fee: '25',
      executedVolume,
      executedFunds: new Dec(executedVolume).mul(100000000).toFixed(),
      filledAt: at,
    },
  };
}

const cancelRequested: OrderEvent = { type: 'OrderCancelRequested', data: { orderId: ID, requestedAt: 5 } };
const cancelled: OrderEvent = { type: 'OrderCancelled', data: { orderId: ID, executedVolume: '0', cancelledAt: 6 } };

/** Event histories that put an order in each state. */
const HISTORY: Record<OrderStatus, OrderEvent[]> = {
  new: [],
  submitted: [submitted],
  unknown: [submitted, unknown],
  accepted: [submitted, accepted],
  partially_filled: [submitted, accepted, filled('t1', '0.004', '0.004')],
  pending_cancel: [submitted, accepted, cancelRequested],
  filled: [submitted, accepted, filled('t1', '0.01', '0.01')],
  cancelled: [submitted, accepted, cancelled],
  rejected: [submitted, rejected],
};

const COMMANDS: Record<OrderCommand['type'], OrderCommand> = {
  SubmitOrder: submit,
  MarkOrderSendStarted: { type: 'MarkOrderSendStarted', data: { at: 2 } },
  CorrectOrderState: { type: 'CorrectOrderState', data: { exchangeOrderId: UUID, exchangeState: 'wait', evidence: 'lookup', at: 7 } },
  MarkOrderOutcomeUnknown: { type: 'MarkOrderOutcomeUnknown', data: { reason: 'timeout', at: 2 } },
  RecordOrderAccepted: { type: 'RecordOrderAccepted', data: { exchangeOrderId: UUID, at: 3 } },
  RecordOrderRejected: { type: 'RecordOrderRejected', data: { reasonCode: 'x', message: 'y', at: 3 } },
  RecordFill: fillCommand('t9', '0.001'),
  RequestOrderCancel: { type: 'RequestOrderCancel', data: { at: 5 } },
  RecordCancelRejected: { type: 'RecordCancelRejected', data: { reason: 'done', at: 6 } },
  RecordOrderCancelled: { type: 'RecordOrderCancelled', data: { at: 6 } },
};

/** Where each command is legal; RecordOrderAccepted is also an idempotent no-op once the uuid is known. */
const LEGAL: Record<OrderCommand['type'], OrderStatus[]> = {
  SubmitOrder: ['new'],
  MarkOrderSendStarted: ['submitted'],
  CorrectOrderState: ['rejected'],
  MarkOrderOutcomeUnknown: ['submitted'],
  RecordOrderAccepted: ['submitted', 'unknown', 'accepted', 'partially_filled', 'pending_cancel', 'filled', 'cancelled'],
  RecordOrderRejected: ['submitted', 'unknown'],
  RecordFill: ['submitted', 'unknown', 'accepted', 'partially_filled', 'pending_cancel'],
  RequestOrderCancel: ['accepted', 'partially_filled'],
  RecordCancelRejected: ['pending_cancel'],
  RecordOrderCancelled: ['accepted', 'partially_filled', 'pending_cancel'],
};

const illegal = (Object.keys(COMMANDS) as OrderCommand['type'][]).flatMap((command) =>
  (Object.keys(HISTORY) as OrderStatus[])
    .filter((status) => !LEGAL[command].includes(status))
    .map((status) => [command, status] as const),
);

describe('Order decider', () => {
  describe('sending', () => {
    const sendStarted: OrderEvent = { type: 'OrderSendStarted', data: { orderId: ID, at: 2 } };

    it('marks the send as started before the request leaves', () => {
      given([submitted]).when({ type: 'MarkOrderSendStarted', data: { at: 2 } }).then([sendStarted]);
    });

    it('refuses a second send of the same order: one identifier is POSTed at most once', () => {
      given([submitted, sendStarted]).when({ type: 'MarkOrderSendStarted', data: { at: 3 } }).thenThrows(OrderSendAlreadyStartedError);
    });

    it('still takes the outcome of an order whose send started', () => {
      given([submitted, sendStarted])
        .when({ type: 'RecordOrderAccepted', data: { exchangeOrderId: UUID, at: 3 } })
        .then([{ type: 'OrderAccepted', data: { orderId: ID, exchangeOrderId: UUID, acceptedAt: 3 } }]);
    });
  });

  describe('correction by the exchange', () => {
    const corrected: OrderEvent = {
      type: 'OrderStateCorrected',
      data: { orderId: ID, from: 'rejected', exchangeOrderId: UUID, exchangeState: 'wait', evidence: 'lookup', correctedAt: 7 },
    };

    it('puts an order we recorded as rejected back to work when the exchange shows it', () => {
      given([submitted, rejected])
        .when({ type: 'CorrectOrderState', data: { exchangeOrderId: UUID, exchangeState: 'wait', evidence: 'lookup', at: 7 } })
        .then([corrected]);
    });

    it('takes the fills of a corrected order', () => {
      given([submitted, rejected, corrected]).when(fillCommand('t1', '0.004', 8)).then([filled('t1', '0.004', '0.004', 8)]);
    });
  });

  describe('submission', () => {
    it('records a valid limit order as submitted', () => {
      given([]).when(submit).then([submitted]);
    });

    it('records a market buy by funds and a market sell by volume', () => {
      const base = { orderId: ID, market: 'KRW-BTC', orderType: 'market', timeInForce: 'gtc' } as const;
      given([])
        .when({ type: 'SubmitOrder', data: { ...base, side: 'buy', funds: '50000', at: 1 } })
        .then([
          { type: 'OrderSubmitted', data: { ...base, side: 'buy', price: null, volume: null, funds: '50000', submittedAt: 1 } },
        ]);
      given([])
        .when({ type: 'SubmitOrder', data: { ...base, side: 'sell', volume: '0.5', at: 1 } })
        .then([
          { type: 'OrderSubmitted', data: { ...base, side: 'sell', price: null, volume: '0.5', funds: null, submittedAt: 1 } },
        ]);
    });

    it.each([
      ['a limit order without a price', { price: undefined }],
      ['a limit order with funds', { funds: '1000' }],
      ['a market buy with a volume', { orderType: 'market', price: undefined }],
      ['a best order without ioc or fok', { orderType: 'best', price: undefined, timeInForce: 'gtc' }],
      ['a market order with ioc', { orderType: 'market', price: undefined, volume: undefined, funds: '5000', timeInForce: 'ioc' }],
      ['an empty client order id', { orderId: ' ' }],
      ['zero funds', { orderType: 'market', price: undefined, volume: undefined, funds: '0' }],
    ])('refuses %s', (_name, change) => {
      given([])
        .when({ ...submit, data: { ...submit.data, ...change } } as OrderCommand)
        .thenThrows(InvalidOrderTermsError);
    });

    it('refuses a limit price off the tick grid and a volume finer than 8 decimals', () => {
      given([]).when({ ...submit, data: { ...submit.data, price: '100000500' } } as OrderCommand).thenThrows(PriceOffTickError);
      given([]).when({ ...submit, data: { ...submit.data, volume: '0.000000001' } } as OrderCommand).thenThrows(InvalidVolumeError);
    });
  });

  describe('outcome of the request', () => {
    it('marks a submitted order whose outcome is not known', () => {
      given([submitted]).when(COMMANDS.MarkOrderOutcomeUnknown).then([unknown]);
    });

    it.each([
      ['submitted', [submitted]],
      ['unknown', [submitted, unknown]],
    ])('accepts or rejects a %s order', (_status, history) => {
      given(history).when(COMMANDS.RecordOrderAccepted).then([accepted]);
      given(history)
        .when(COMMANDS.RecordOrderRejected)
        .then([{ type: 'OrderRejected', data: { orderId: ID, reasonCode: 'x', message: 'y', rejectedAt: 3 } }]);
    });

    it('ignores a late acceptance carrying the uuid it already knows', () => {
      given(HISTORY.filled).when(COMMANDS.RecordOrderAccepted).then([]);
    });

    it('fails fast when the exchange reports another uuid for the order', () => {
      given(HISTORY.accepted)
        .when({ type: 'RecordOrderAccepted', data: { exchangeOrderId: 'other', at: 3 } })
        .thenThrows(ExchangeOrderIdMismatchError);
      given(HISTORY.accepted)
        .when({ ...fillCommand('t1', '0.001'), data: { ...fillCommand('t1', '0.001').data, exchangeOrderId: 'other' } } as OrderCommand)
        .thenThrows(ExchangeOrderIdMismatchError);
    });
  });

  describe('fills', () => {
    it('moves an accepted order to partially filled, then to filled', () => {
      given(HISTORY.accepted).when(fillCommand('t1', '0.004')).then([filled('t1', '0.004', '0.004')]);
      given(HISTORY.partially_filled).when(fillCommand('t2', '0.006', 5)).then([filled('t2', '0.006', '0.01', 5)]);
      given([...HISTORY.partially_filled, filled('t2', '0.006', '0.01', 5)])
        .when(COMMANDS.RequestOrderCancel)
        .thenThrows(IllegalOrderTransitionError, (error) => expect(error.status).toBe('filled'));
    });

    it('treats a trade on a submitted or unknown order as its acceptance', () => {
      given([submitted]).when(fillCommand('t1', '0.004')).then([acceptedAt(4), filled('t1', '0.004', '0.004')]);
      given([submitted, unknown]).when(fillCommand('t1', '0.004')).then([acceptedAt(4), filled('t1', '0.004', '0.004')]);
    });

    it('de-duplicates a trade delivered twice, in any state', () => {
      given(HISTORY.partially_filled).when(fillCommand('t1', '0.004')).then([]);
      given(HISTORY.filled).when(fillCommand('t1', '0.01')).then([]);
    });

    it('keeps a cancel pending through a partial fill and completes on the last one', () => {
      const history = [...HISTORY.pending_cancel, filled('t1', '0.004', '0.004')];
      given(history).when(COMMANDS.RecordCancelRejected).then([
        { type: 'OrderCancelRejected', data: { orderId: ID, reason: 'done', at: 6 } },
      ]);
      given(history).when(fillCommand('t2', '0.006')).then([filled('t2', '0.006', '0.01')]);
      given([...history, filled('t2', '0.006', '0.01')]).when(COMMANDS.RecordOrderCancelled).thenThrows(IllegalOrderTransitionError);
    });

    it('fails fast on a fill beyond the order volume', () => {
      given(HISTORY.partially_filled).when(fillCommand('t2', '0.007')).thenThrows(OrderOverfilledError);
    });

    it('fails fast on a fill beyond the funds of a market buy', () => {
      const marketBuy: OrderSubmitted = {
        type: 'OrderSubmitted',
        data: { ...submitted.data, orderType: 'market', price: null, volume: null, funds: '500000' },
      };
      given([marketBuy, accepted]).when(fillCommand('t1', '0.006')).thenThrows(OrderOverfilledError);
    });

    it('completes a market buy when its funds are spent', () => {
      const marketBuy: OrderSubmitted = {
        type: 'OrderSubmitted',
        data: { ...submitted.data, orderType: 'market', price: null, volume: null, funds: '500000' },
      };
      const full = filled('t1', '0.005', '0.005');
      given([marketBuy, accepted, full]).when(COMMANDS.RecordOrderCancelled).thenThrows(IllegalOrderTransitionError);
      given([marketBuy, accepted, filled('t1', '0.004', '0.004')]).when(COMMANDS.RecordOrderCancelled).then([
        { type: 'OrderCancelled', data: { orderId: ID, executedVolume: '0.004', cancelledAt: 6 } },
      ]);
    });

    it('refuses malformed fill prices and fees', () => {
      const bad = (change: object): OrderCommand => ({ type: 'RecordFill', data: { ...fillCommand('t1', '0.001').data, ...change } }) as OrderCommand;
      given(HISTORY.accepted).when(bad({ price: 'x' })).thenThrows(InvalidDecimalError);
      given(HISTORY.accepted).when(bad({ fee: '-1' })).thenThrows(InvalidDecimalError);
    });
  });

  describe('cancellation', () => {
    it.each([['accepted'], ['partially_filled']] as const)('requests the cancel of a %s order', (status) => {
      given(HISTORY[status]).when(COMMANDS.RequestOrderCancel).then([cancelRequested]);
    });

    it('records the cancel of a pending-cancel order, or one cancelled by the venue', () => {
      given(HISTORY.pending_cancel).when(COMMANDS.RecordOrderCancelled).then([cancelled]);
      given(HISTORY.accepted).when(COMMANDS.RecordOrderCancelled).then([cancelled]);
      given(HISTORY.partially_filled).when(COMMANDS.RecordOrderCancelled).then([
        { type: 'OrderCancelled', data: { orderId: ID, executedVolume: '0.004', cancelledAt: 6 } },
      ]);
    });

    it('returns to the working state when the cancel is refused', () => {
      given([...HISTORY.pending_cancel, { type: 'OrderCancelRejected', data: { orderId: ID, reason: 'done', at: 6 } }])
        .when(COMMANDS.RequestOrderCancel)
        .then([cancelRequested]);
    });
  });

  describe('illegal transitions', () => {
    it.each(illegal)('refuses %s on an order that is %s', (command, status) => {
      given(HISTORY[status])
        .when(COMMANDS[command])
        .thenThrows(IllegalOrderTransitionError, (error) => {
          expect(error.code).toBe('illegal_order_transition');
          expect(error.value).toEqual({ command, status });
        });
    });
  });
});

function acceptedAt(at: number): OrderEvent {
  return { type: 'OrderAccepted', data: { orderId: ID, exchangeOrderId: UUID, acceptedAt: at } };
}
