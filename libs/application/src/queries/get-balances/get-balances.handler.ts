import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccountBalances, BalanceView } from '../../live-state/account-balances';
import { GetBalances } from './get-balances.query';

/**
 * The account as the exchange last pushed it (myAsset), seeded and reconciled from /v1/accounts by the
 * trader, never read from the exchange per request. Our positions are the record; reconciliation
 * compares the two.
 */
@QueryHandler(GetBalances)
export class GetBalancesHandler implements IQueryHandler<GetBalances, BalanceView[]> {
  constructor(private readonly balances: AccountBalances) {}

  execute(): Promise<BalanceView[]> {
    return Promise.resolve(this.balances.view());
  }
}
