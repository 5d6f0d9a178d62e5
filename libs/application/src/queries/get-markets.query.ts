/** Which markets does the exchange list? */
export class GetMarkets {}
