export type PnlPeriod = 'day' | 'week' | 'month';

/** Realised PnL per day, ISO week or month between two UTC dates (inclusive, `YYYY-MM-DD`). */
export class GetPnl {
  constructor(
    readonly period: PnlPeriod,
    readonly from: string,
    readonly to: string,
  ) {}
}
