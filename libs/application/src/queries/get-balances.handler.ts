import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EXCHANGE_GATEWAY, ExchangeGateway } from '../ports/exchange-gateway.port';
import { GetBalances } from './get-balances.query';

export interface BalanceView {
  readonly currency: string;
  readonly balance: string;
  readonly locked: string;
  readonly avgBuyPrice: string;
}

/** The account as the exchange reports it (our positions are the record; reconciliation compares the two). */
@QueryHandler(GetBalances)
export class GetBalancesHandler implements IQueryHandler<GetBalances, BalanceView[]> {
  constructor(@Inject(EXCHANGE_GATEWAY) private readonly gateway: ExchangeGateway) {}

  async execute(): Promise<BalanceView[]> {
    return (await this.gateway.getAccounts()).map((a) => ({
      currency: a.currency,
      balance: a.balance.toFixed(),
      locked: a.locked.toFixed(),
      avgBuyPrice: a.avgBuyPrice.toFixed(),
    }));
  }
}
