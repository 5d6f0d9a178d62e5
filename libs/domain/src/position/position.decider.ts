import { IdSet } from '../shared/id-set';
import { Decider } from '../shared/decider';
import { Dec, decimalText, parseDecimal } from '../shared/decimal';
import { MarketCode } from '../market/market-code';
import { InvalidDecimalError, InvalidPriceError } from '../market/market.errors';
import { parseSide } from '../market/side';
import { Volume } from '../market/volume';
import { ApplyFill, PositionCommand } from './position.commands';
import { PositionMarketMismatchError, PositionOversoldError } from './position.errors';
import { PositionEvent, PositionFillData } from './position.events';
import { PositionState, averageEntryPrice } from './position.state';

function initialState(): PositionState {
  return {
    market: null,
    quantity: new Dec(0),
    costBasis: new Dec(0),
    realizedPnl: new Dec(0),
    fees: new Dec(0),
    tradeIds: IdSet.empty(),
    openedAt: null,
  };
}

function decimal(what: string, text: string): Dec {
  const value = parseDecimal(text);
  if (!value) throw new InvalidDecimalError(what, text);
  return value;
}

/**
 * A fill of one of our orders. A sell for more than the position holds is deferred (the buys it sold
 * have not been learnt yet), and applied after the buy that makes room for it.
 */
function decideFill(command: ApplyFill, state: PositionState): PositionEvent[] {
  const { data } = command;
  if (state.tradeIds.has(data.tradeId) || (state.deferredSells ?? []).some((d) => d.tradeId === data.tradeId)) return [];
  const market = MarketCode.parse(data.market).value;
  if (state.market !== null && state.market !== market) throw new PositionMarketMismatchError(state.market, market);
  const side = parseSide(data.side);
  const price = decimal('Fill price', data.price);
  if (price.lte(0)) throw new InvalidPriceError(data.price);
  const volume = Volume.of(data.volume).value;
  const fee = decimal('Fee', data.fee);
  if (fee.isNegative()) throw new InvalidDecimalError('Fee', data.fee);
  const fill = { market, tradeId: data.tradeId, price, volume, fee, at: data.at };
  if (side === 'sell' && volume.gt(state.quantity)) {
    const deferred: PositionEvent = {
      type: 'PositionSellDeferred',
      data: { market, tradeId: data.tradeId, price: decimalText(price), volume: decimalText(volume), fee: decimalText(fee), held: decimalText(state.quantity), at: data.at },
    };
    return [deferred];
  }
  const events = [fillEvent(state, side, fill)];
  if (side === 'sell') return events;
  // The buy may be what deferred sells were waiting for: apply those that now fit, oldest first.
  let after = evolve(state, events[0] as PositionEvent);
  for (const sell of state.deferredSells ?? []) {
    const sellVolume = new Dec(sell.volume);
    if (sellVolume.gt(after.quantity)) break;
    const event = fillEvent(after, 'sell', { market, tradeId: sell.tradeId, price: new Dec(sell.price), volume: sellVolume, fee: new Dec(sell.fee), at: sell.at });
    events.push(event);
    after = evolve(after, event);
  }
  return events;
}

/**
 * Average-cost accounting of one fill the position can take: a buy adds its funds to the cost basis;
 * a sell removes the held cost in proportion (all of it when it closes the position, so a round trip
 * realises exactly proceeds - cost).
 */
function fillEvent(state: PositionState, side: 'buy' | 'sell', fill: { market: string; tradeId: string; price: Dec; volume: Dec; fee: Dec; at: number }): PositionEvent {
  const { market, price, volume, fee } = fill;
  let quantity: Dec;
  let costBasis: Dec;
  let fillRealizedPnl = new Dec(0);
  if (side === 'buy') {
    quantity = state.quantity.plus(volume);
    costBasis = state.costBasis.plus(price.mul(volume));
  } else {
    if (volume.gt(state.quantity)) throw new PositionOversoldError(market, decimalText(state.quantity), decimalText(volume));
    quantity = state.quantity.minus(volume);
    const costSold = quantity.isZero() ? state.costBasis : state.costBasis.mul(volume).div(state.quantity);
    costBasis = state.costBasis.minus(costSold);
    fillRealizedPnl = price.mul(volume).minus(costSold);
  }
  const realizedPnl = state.realizedPnl.plus(fillRealizedPnl);
  const fees = state.fees.plus(fee);
  const after = { ...state, quantity, costBasis };
  const payload: PositionFillData = {
    market,
    tradeId: fill.tradeId,
    side,
    price: decimalText(price),
    volume: decimalText(volume),
    fee: decimalText(fee),
    fillRealizedPnl: decimalText(fillRealizedPnl),
    quantity: decimalText(quantity),
    averageEntryPrice: decimalText(averageEntryPrice(after)),
    costBasis: decimalText(costBasis),
    realizedPnl: decimalText(realizedPnl),
    fees: decimalText(fees),
    at: fill.at,
  };
  if (side === 'buy') return { type: state.quantity.isZero() ? 'PositionOpened' : 'PositionIncreased', data: payload };
  return { type: quantity.isZero() ? 'PositionClosed' : 'PositionReduced', data: payload };
}

function decide(command: PositionCommand, state: PositionState): PositionEvent[] {
  switch (command.type) {
    case 'ApplyFill':
      return decideFill(command, state);
  }
}

function evolve(state: PositionState, event: PositionEvent): PositionState {
  if (event.type === 'PositionSellDeferred') {
    const { tradeId, price, volume, fee, at } = event.data;
    return { ...state, market: event.data.market, deferredSells: [...(state.deferredSells ?? []), { tradeId, price, volume, fee, at }] };
  }
  const { data } = event;
  const deferredSells = (state.deferredSells ?? []).filter((d) => d.tradeId !== data.tradeId);
  const next: PositionState = {
    market: data.market,
    quantity: new Dec(data.quantity),
    costBasis: new Dec(data.costBasis),
    realizedPnl: new Dec(data.realizedPnl),
    fees: new Dec(data.fees),
    tradeIds: state.tradeIds.with(data.tradeId),
    openedAt: state.openedAt,
    ...(deferredSells.length > 0 ? { deferredSells } : {}),
  };
  switch (event.type) {
    case 'PositionOpened':
      return { ...next, openedAt: data.at };
    case 'PositionIncreased':
    case 'PositionReduced':
      return next;
    case 'PositionClosed':
      return { ...next, openedAt: null };
  }
}

export const positionDecider: Decider<PositionCommand, PositionEvent, PositionState> = {
  decide,
  evolve,
  initialState,
};
