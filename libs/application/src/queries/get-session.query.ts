/** Is the trading session trading, halted or reducing; which orders hold it; which changes wait? */
export class GetSession {}
