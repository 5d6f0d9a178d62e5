import { Dec } from '@trader/domain';
import type { AccountBalance, AssetUpdate } from '../ports/exchange-gateway.types';
import { LiveStateUnavailableError } from './live-state.errors';
import { StreamHealth } from './stream-health';

/** Where a balance row was last set from: the private `myAsset` stream, or a REST `/v1/accounts` read. */
export type BalanceSource = 'myAsset' | 'accounts';

export interface BalanceView {
  readonly currency: string;
  readonly balance: string;
  readonly locked: string;
  /** From the last `/v1/accounts` read: `myAsset` does not carry it. */
  readonly avgBuyPrice: string;
  /** Epoch ms the row was last known to be true (the exchange's asset time, or when the REST read was sent). */
  readonly asOf: number;
  readonly source: BalanceSource;
  /** The myAsset stream is down (or not yet re-seeded after it was): the row may be out of date. */
  readonly stale: boolean;
}

interface Row {
  readonly balance: Dec;
  readonly locked: Dec;
  readonly avgBuyPrice: Dec;
  readonly asOf: number;
  readonly source: BalanceSource;
}

/**
 * The account's balances as the exchange pushes them: seeded from `/v1/accounts` at start, kept by the
 * `myAsset` stream, and reconciled from `/v1/accounts` periodically and after the stream was down. An
 * admin read never costs an exchange request: Upbit's exchange group allows 30 requests a second for
 * orders, cancels and account reads together, and a dashboard polling balances would spend it.
 */
export class AccountBalances {
  private readonly rows = new Map<string, Row>();
  private seeded = false;
  /** When the `/v1/accounts` read applied last was sent: an answer to an earlier one is older, and dropped. */
  private reconciledFrom = -Infinity;
  readonly stream: StreamHealth;

  constructor(startedAt: number) {
    this.stream = new StreamHealth(startedAt);
  }

  /** Applies a myAsset update: it lists only the currencies that changed. */
  apply(update: AssetUpdate): void {
    for (const asset of update.assets) {
      const previous = this.rows.get(asset.currency);
      if (previous && previous.asOf > update.assetTimestamp) continue;
      this.rows.set(asset.currency, { balance: asset.balance, locked: asset.locked, avgBuyPrice: previous?.avgBuyPrice ?? new Dec(0), asOf: update.assetTimestamp, source: 'myAsset' });
    }
  }

  /**
   * Replaces the book with a `/v1/accounts` answer to a request sent at `requestedAt`. A currency the
   * stream changed after the request was sent keeps the stream's figures (the answer is older), and its
   * average buy price is taken from the answer. An answer to a request sent before the last one applied
   * (two reads crossed) changes nothing.
   */
  reconcile(accounts: readonly AccountBalance[], requestedAt: number): void {
    if (requestedAt < this.reconciledFrom) return;
    this.reconciledFrom = requestedAt;
    const streamed = new Map([...this.rows].filter(([, row]) => row.source === 'myAsset' && row.asOf > requestedAt));
    this.rows.clear();
    for (const account of accounts) {
      this.rows.set(account.currency, { balance: account.balance, locked: account.locked, avgBuyPrice: account.avgBuyPrice, asOf: requestedAt, source: 'accounts' });
    }
    for (const [currency, row] of streamed) this.rows.set(currency, { ...row, avgBuyPrice: this.rows.get(currency)?.avgBuyPrice ?? row.avgBuyPrice });
    this.seeded = true;
  }

  /** Every currency held, in the order first seen; throws while the book was never seeded. */
  view(): BalanceView[] {
    if (!this.seeded) throw new LiveStateUnavailableError('balances are not known yet: the start-up read of /v1/accounts has not succeeded', 'balances');
    const stale = this.stream.isDown;
    // /v1/accounts omits what is not held; a currency the stream emptied is left out the same way (its
    // row stays, so an older REST answer cannot bring it back).
    return [...this.rows].filter(([, row]) => !(row.balance.isZero() && row.locked.isZero())).map(([currency, row]) => ({
      currency,
      balance: row.balance.toFixed(),
      locked: row.locked.toFixed(),
      avgBuyPrice: row.avgBuyPrice.toFixed(),
      asOf: row.asOf,
      source: row.source,
      stale,
    }));
  }
}
