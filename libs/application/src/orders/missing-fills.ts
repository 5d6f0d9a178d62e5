import { Dec, type PlacedOrder, type RecordFill } from '@trader/domain';
import { ExchangeOrder } from '../ports/exchange-gateway.types';

/** Upbit reports fees with at most this many decimals. */
const FEE_DECIMALS = 8;

/**
 * The trades of `order` (as Upbit's order lookup reports them) that `recorded` has not counted yet.
 * The lookup gives no fee per trade, only the order's cumulative `paid_fee`: what we have not yet
 * recorded of it (`paid_fee` minus the fees already recorded) is shared out over the missing trades by
 * their funds, the last one taking the remainder, so the order's recorded fees add up to `paid_fee`
 * exactly and none is counted twice.
 */
export function missingFills(order: ExchangeOrder, recorded: PlacedOrder): RecordFill[] {
  const missing = order.fills.filter((fill) => !recorded.tradeIds.has(fill.uuid));
  const feeLeftTotal = Dec.max(new Dec(order.paidFee.toFixed()).minus(recorded.paidFee), 0);
  const totalFunds = missing.reduce((sum, fill) => sum.plus(fill.funds.toFixed()), new Dec(0));
  let feeLeft = feeLeftTotal;
  return missing.map((fill, index) => {
    const last = index === missing.length - 1;
    const fee = last || totalFunds.isZero() ? feeLeft : feeLeftTotal.mul(fill.funds.toFixed()).div(totalFunds).toDecimalPlaces(FEE_DECIMALS, Dec.ROUND_DOWN);
    feeLeft = feeLeft.minus(fee);
    return {
      type: 'RecordFill',
      data: {
        exchangeOrderId: order.uuid,
        tradeId: fill.uuid,
        price: fill.price.toFixed(),
        volume: fill.volume.toFixed(),
        fee: fee.toFixed(),
        at: fill.createdAt,
      },
    };
  });
}
