import { Matches } from 'class-validator';

/** Exact decimal text as the API accepts amounts: digits with an optional fraction; no sign, exponent, NaN or Infinity. */
export const DECIMAL_TEXT = /^(0|[1-9]\d{0,20})(\.\d{1,16})?$/;

export const IsDecimalString = (): PropertyDecorator =>
  Matches(DECIMAL_TEXT, { message: '$property must be a positive decimal number written as a string, such as "0.001"' });

export const MARKET_CODE = /^(KRW|BTC|USDT)-[A-Z0-9]{1,10}$/;
