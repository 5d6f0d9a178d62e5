/** A fill of one of our orders, as OrderFilled reports it; decimals as strings, fee in the quote currency. */
export interface ApplyFill {
  type: 'ApplyFill';
  data: { market: string; tradeId: string; side: string; price: string; volume: string; fee: string; at: number };
}

export type PositionCommand = ApplyFill;
