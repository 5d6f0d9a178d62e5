/** What does the exchange hold for us, per currency (free and locked in open orders)? */
export class GetBalances {}
