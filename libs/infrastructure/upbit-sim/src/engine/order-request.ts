import { Dec, VOLUME_DECIMALS, parseDecimal } from './decimal';
import { SmpType } from './matching';
import { Side } from './order-book';
import { OrdType, TimeInForce } from './sim-order';
import { isOnTickGrid } from './tick-size';
import { UpbitApiError, validationError } from './upbit-api-error';
import { UPBIT_RULES } from './upbit-rules';

/** A POST /orders request that passed Upbit's parameter rules (balances are checked later). */
export interface OrderRequest {
  readonly market: string;
  readonly side: Side;
  readonly ordType: OrdType;
  readonly price: Dec | undefined;
  readonly volume: Dec | undefined;
  readonly timeInForce: TimeInForce | undefined;
  readonly smpType: SmpType | undefined;
  readonly identifier: string | undefined;
}

const SIDES: readonly string[] = ['bid', 'ask'];
const ORD_TYPES: readonly string[] = ['limit', 'price', 'market', 'best'];
const TIME_IN_FORCE: readonly string[] = ['ioc', 'fok', 'post_only'];
const SMP_TYPES: readonly string[] = ['cancel_maker', 'cancel_taker', 'reduce'];

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function optionalEnum<T extends string>(params: Record<string, unknown>, field: string, allowed: readonly string[]): T | undefined {
  const value = params[field];
  if (!present(value)) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) throw validationError(field, value);
  return value as T;
}

function requiredEnum<T extends string>(params: Record<string, unknown>, field: string, allowed: readonly string[]): T {
  const value = optionalEnum<T>(params, field, allowed);
  if (value === undefined) throw validationError(field, params[field]);
  return value;
}

function createError(side: Side, reason: string, value: unknown): UpbitApiError {
  return new UpbitApiError(400, `create_${side}_error`, `주문 요청 정보가 올바르지 않습니다. (${reason})`, value);
}

function positiveDecimal(params: Record<string, unknown>, field: string): Dec {
  const value = parseDecimal(params[field]);
  if (value === undefined || value.lte(0)) throw validationError(field, params[field]);
  return value;
}

/**
 * Checks a new-order request the way Upbit does: enumerations and missing fields are
 * `validation_error`, a field that does not belong to the order type is `create_{side}_error`, an
 * off-grid price `invalid_price_{side}`, too many volume decimals `invalid_volume_{side}`, a small
 * total `under_min_total_{side}`.
 */
export function parseOrderRequest(params: Record<string, unknown>, knownMarkets: ReadonlySet<string>): OrderRequest {
  const market = params['market'];
  if (typeof market !== 'string' || !knownMarkets.has(market)) throw validationError('market', market);
  const side = requiredEnum<Side>(params, 'side', SIDES);
  const ordType = requiredEnum<OrdType>(params, 'ord_type', ORD_TYPES);
  const timeInForce = optionalEnum<TimeInForce>(params, 'time_in_force', TIME_IN_FORCE);
  const smpType = optionalEnum<SmpType | 'none'>(params, 'smp_type', [...SMP_TYPES, 'none']);
  const identifierValue = params['identifier'];
  if (present(identifierValue) && typeof identifierValue !== 'string') throw validationError('identifier', identifierValue);
  const identifier = present(identifierValue) ? (identifierValue as string) : undefined;

  const hasPrice = present(params['price']);
  const hasVolume = present(params['volume']);
  const needsPrice = ordType === 'limit' || (side === 'bid' && (ordType === 'price' || ordType === 'best'));
  const needsVolume = ordType === 'limit' || (side === 'ask' && (ordType === 'market' || ordType === 'best'));
  if (ordType === 'price' && side !== 'bid') throw createError(side, 'ord_type=price is a market buy', ordType);
  if (ordType === 'market' && side !== 'ask') throw createError(side, 'ord_type=market is a market sell', ordType);
  if (needsPrice && !hasPrice) throw validationError('price', params['price']);
  if (needsVolume && !hasVolume) throw validationError('volume', params['volume']);
  if (!needsPrice && hasPrice) throw createError(side, `price is not used with ord_type=${ordType}`, params['price']);
  if (!needsVolume && hasVolume) throw createError(side, `volume is not used with ord_type=${ordType}`, params['volume']);
  if (ordType === 'best' && (timeInForce === undefined || timeInForce === 'post_only')) {
    throw createError(side, 'best orders need time_in_force ioc or fok', timeInForce);
  }
  if (timeInForce !== undefined && ordType !== 'limit' && ordType !== 'best') {
    throw createError(side, `time_in_force is not used with ord_type=${ordType}`, timeInForce);
  }
  if (timeInForce === 'post_only' && smpType !== undefined && smpType !== 'none') {
    throw createError(side, 'post_only cannot be combined with smp_type', smpType);
  }

  const price = needsPrice ? positiveDecimal(params, 'price') : undefined;
  const volume = needsVolume ? positiveDecimal(params, 'volume') : undefined;
  const quote = market.split('-')[0];
  if (volume !== undefined && volume.decimalPlaces() > VOLUME_DECIMALS) {
    throw new UpbitApiError(400, `invalid_volume_${side}`, '주문수량 단위를 잘못 입력하셨습니다. 확인 후 시도해주세요.', params['volume']);
  }
  if (ordType === 'limit' && price !== undefined && !isOnTickGrid(quote, price)) {
    throw new UpbitApiError(400, `invalid_price_${side}`, '주문가격 단위를 잘못 입력하셨습니다. 확인 후 시도해주세요.', params['price']);
  }
  if (ordType !== 'limit' && price !== undefined && price.decimalPlaces() > VOLUME_DECIMALS) {
    throw validationError('price', params['price']);
  }
  const minTotal = new Dec(UPBIT_RULES.minOrderTotal[quote] ?? '0');
  const total = ordType === 'limit' ? (price as Dec).times(volume as Dec) : price;
  if (total !== undefined && total.lt(minTotal)) {
    throw new UpbitApiError(400, `under_min_total_${side}`, `최소주문금액 이상으로 주문해주세요. (${minTotal.toFixed()} ${quote})`, total.toFixed());
  }
  return {
    market,
    side,
    ordType,
    price,
    volume,
    timeInForce,
    smpType: smpType === 'none' ? undefined : smpType,
    identifier,
  };
}
