import { IdGenerator } from '../ports/id-generator.port';

export interface PaperExchangeOptions {
  /** Starting balances by currency, as decimal strings (for example `{ KRW: '1000000' }`). */
  readonly balances: Readonly<Record<string, string>>;
  /** Fee rate per quote currency; Upbit's default rates when omitted (KRW 0.05%). */
  readonly feeRates?: Readonly<Record<string, string>>;
  readonly now: () => number;
  readonly ids: IdGenerator;
}
