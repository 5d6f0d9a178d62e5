import { Dec } from '@trader/domain';
import type { AccountBalance, AssetUpdate } from '../ports/exchange-gateway.types';
import { AccountBalances } from './account-balances';
import { LiveStateUnavailableError } from './live-state.errors';

const account = (currency: string, balance: string, avgBuyPrice = '0'): AccountBalance => ({
  currency,
  balance: new Dec(balance),
  locked: new Dec(0),
  avgBuyPrice: new Dec(avgBuyPrice),
  avgBuyPriceModified: false,
  unitCurrency: 'KRW',
});
const assets = (at: number, ...list: [string, string, string][]): AssetUpdate => ({
  kind: 'asset-update',
  assetUuid: `u-${at}`,
  assets: list.map(([currency, balance, locked]) => ({ currency, balance: new Dec(balance), locked: new Dec(locked) })),
  assetTimestamp: at,
  timestamp: at,
});
const rows = (book: AccountBalances): [string, string, string, string, string][] => book.view().map((b) => [b.currency, b.balance, b.locked, b.avgBuyPrice, b.source]);

describe('AccountBalances', () => {
  it('refuses to answer until the account was read once, rather than answer an empty account', () => {
    const book = new AccountBalances(0);
    book.apply(assets(5, ['KRW', '1', '0']));
    expect(() => book.view()).toThrow(LiveStateUnavailableError);
  });

  it('applies myAsset to the currencies it lists, keeping the others and the average buy price', () => {
    const book = new AccountBalances(0);
    book.reconcile([account('KRW', '1000000'), account('BTC', '0.5', '90000000')], 10);
    book.apply(assets(20, ['BTC', '0.6', '0.1']));
    expect(rows(book)).toEqual([
      ['KRW', '1000000', '0', '0', 'accounts'],
      ['BTC', '0.6', '0.1', '90000000', 'myAsset'],
    ]);
    expect(book.view().map((b) => b.asOf)).toEqual([10, 20]);
  });

  it('keeps what the stream pushed after a REST read was sent, and drops the older of two crossed reads', () => {
    const book = new AccountBalances(0);
    book.reconcile([account('KRW', '1000')], 10);
    book.apply(assets(30, ['KRW', '900', '100']));
    book.reconcile([account('KRW', '1000', '5')], 25);
    expect(rows(book)).toEqual([['KRW', '900', '100', '5', 'myAsset']]);
    book.reconcile([account('KRW', '1', '1')], 20);
    expect(rows(book)).toEqual([['KRW', '900', '100', '5', 'myAsset']]);
    book.reconcile([account('KRW', '900', '5')], 40);
    expect(rows(book)).toEqual([['KRW', '900', '0', '5', 'accounts']]);
  });

  it('leaves out a currency the stream emptied, and an older REST answer does not bring it back', () => {
    const book = new AccountBalances(0);
    book.reconcile([account('KRW', '1000'), account('BTC', '1')], 10);
    book.apply(assets(30, ['BTC', '0', '0']));
    book.reconcile([account('KRW', '1000'), account('BTC', '1')], 20);
    expect(rows(book).map(([currency]) => currency)).toEqual(['KRW']);
  });

  it('marks every row stale while the stream is down, and current once it is up', () => {
    const book = new AccountBalances(0);
    book.reconcile([account('KRW', '1000')], 10);
    expect(book.view()[0]?.stale).toBe(true);
    book.stream.up();
    expect(book.view()[0]?.stale).toBe(false);
    book.stream.down(50);
    expect(book.view()[0]?.stale).toBe(true);
    expect(book.stream.since).toBe(50);
  });
});
