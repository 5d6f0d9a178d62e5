import { randomBytes } from 'node:crypto';
import { accountSchema } from './account-schema';
import { AccountLeaseNotHeldError, LeaseFenceTakenError } from './pg-account-lease.errors';
import { leaseLockRowSql } from './lease-lock-sql';
import { PgSyncDatabase } from './pg-sync-database';

export interface PgAccountLeaseOptions {
  /** The `TRADER_DB` URL (it may hold a password: only the redacted form is ever shown). */
  readonly url: string;
  /** The account; its schema (`accountSchema`) names the lock. Default `default`. */
  readonly account?: string;
  /** Shown in `pg_stat_activity`, so an operator can tell which instance holds the lease. */
  readonly applicationName?: string;
  /**
   * How long a call on the lease connection may take before the connection is declared lost (and the
   * lease with it). Default 2,000 ms. It must stay well below the keep-alive bound below: a process
   * cut off from the server gives up its lease on its own before the server frees the lock.
   */
  readonly answerTimeoutMs?: number;
  /**
   * TCP keep-alive of the server's end of the lease connection: after `idleS` seconds without
   * traffic the server probes every `intervalS` seconds and closes the connection after `count`
   * unanswered probes, which ends the session and frees the lock. Default 5 s, 2 s, 3 probes: the
   * lock of a machine that vanished (power cut, network partition) is free after about 11 s.
   */
  readonly keepalive?: { readonly idleS: number; readonly intervalS: number; readonly count: number };
  /**
   * Draws the fence key of an acquisition (a signed 64-bit integer, as text). Default: 8 random bytes.
   * Tests inject the fault of a key some other session already holds.
   */
  readonly drawFenceKey?: () => string;
}

/** Whether the lease is still this process's, and if not, why. */
export type LeaseCheck = { readonly held: true } | { readonly held: false; readonly reason: string };

const defaultKeepalive = { idleS: 5, intervalS: 2, count: 3 } as const;

function randomFenceKey(): string {
  return randomBytes(8).readBigInt64BE().toString();
}

const lockRow = leaseLockRowSql('$1');

/**
 * At most one active trader per account: a session-level PostgreSQL advisory lock on a key derived
 * from the account's schema, held on a connection of its own for the life of the process. Whoever
 * holds it writes; another instance of the same account waits as a standby and polls `tryAcquire`.
 *
 * The lock lives exactly as long as the session that took it. A process killed with SIGKILL closes
 * its socket, the server ends the session and the lock is free at once. A machine that vanishes
 * without closing the socket is noticed by the server's TCP keep-alive (`keepalive`). The holder, for
 * its part, must stop writing as soon as it may have lost the lock (the server restarted, the
 * connection broke): `check()` says so, and the event store's appends check it inside their
 * transaction (`appendFence`, `appendFenceQuery`), so a process that lost the lease cannot
 * append even before it notices.
 *
 * The appends' check is a second lock, the fence: with the lease, the lease session takes a
 * session-level advisory lock on a random 64-bit key of its own, new at every acquisition, and holds
 * it as long as the lease. An append asks for that key in shared mode (`pg_try_advisory_xact_lock_shared`):
 * refused while the lease session lives (it holds the key), granted once it is gone, and then the append
 * is refused. The key is this acquisition's alone, so no other session, not even one with a reused
 * server pid, can hold it. That answer costs what `SELECT 1` costs; reading `pg_locks` (what `check()`
 * does) costs about 45 µs more and takes every lock-manager partition, on a server other sessions use.
 */
export class PgAccountLease {
  readonly schema: string;
  /** The text the lock's key is hashed from (`hashtextextended(key, 0)`). */
  readonly key: string;
  private db: PgSyncDatabase | undefined;
  /** The server process of the lease connection while the lock is held. */
  private holderPid: number | undefined;
  /** The fence's key (a signed 64-bit integer, as text) while the lock is held. */
  private fenceKey: string | undefined;

  constructor(private readonly options: PgAccountLeaseOptions) {
    this.schema = accountSchema(options.account);
    this.key = `upbit-trader:lease:${this.schema}`;
    // Connects now: a wrong URL fails at start-up, not at the first poll.
    this.db = this.connect();
  }

  get held(): boolean {
    return this.holderPid !== undefined;
  }

  /** The server process holding the lock for this process, while it does. */
  get backendPid(): number | undefined {
    return this.holderPid;
  }

  /**
   * Takes the lock if it is free; true while this process holds it. A connection lost since the last
   * call is opened again first (a standby outlives a server restart); that failing throws.
   */
  tryAcquire(): boolean {
    if (this.holderPid !== undefined) return true;
    const db = this.db?.open ? this.db : (this.db = this.connect());
    const row = db.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)), pg_backend_pid()', [this.key], { array: true }).rows[0] as [boolean, number];
    if (!row[0]) return false;
    const fence = (this.options.drawFenceKey ?? randomFenceKey)();
    // A key drawn for this acquisition is nobody else's; should it be taken all the same, the lease is given back.
    const fenced = (db.query('SELECT pg_try_advisory_lock($1::bigint)', [fence], { array: true }).rows[0] as [boolean])[0];
    if (!fenced) {
      db.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.key]);
      throw new LeaseFenceTakenError(this.schema, fence);
    }
    this.holderPid = row[1];
    this.fenceKey = fence;
    return true;
  }

  /**
   * Who holds the lock now, as its session names itself (`application_name`; a trader's lease session
   * is `upbit-trader lease <account> <host>:<pid>`), or null when nobody does. For messages only: the
   * answer may be stale by the time it is read.
   */
  holderName(): string | null {
    const db = this.db?.open ? this.db : (this.db = this.connect());
    // pg_stat_activity has none of the lock columns lockRow names: they are pg_locks' own.
    const row = db.query(`SELECT application_name FROM pg_locks JOIN pg_stat_activity USING (pid) WHERE ${lockRow}`, [this.key], { array: true }).rows[0] as [string] | undefined;
    return row ? row[0] : null;
  }

  /**
   * Asks the server, on the lease's own connection, whether this process still holds the lock. A
   * connection that fails or does not answer within `answerTimeoutMs` counts as lost: the server may
   * already have freed the lock. Once lost, the lease stays lost (its connection is closed); a new
   * `tryAcquire` may take it again.
   */
  check(): LeaseCheck {
    if (this.holderPid === undefined) return { held: false, reason: 'the lease was never taken or is already lost' };
    try {
      const db = this.db as PgSyncDatabase;
      const row = db.query(`SELECT EXISTS (SELECT 1 FROM pg_locks WHERE ${lockRow} AND pid = pg_backend_pid()), pg_backend_pid()`, [this.key], { array: true }).rows[0] as [boolean, number];
      if (row[0] && row[1] === this.holderPid) return { held: true };
      return this.lost(`the server no longer shows the lock held by session ${this.holderPid}`);
    } catch (error) {
      return this.lost(`the lease connection failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * The fence's key for `append_events` (its `lease_fence`), while this process holds the lease; it
   * throws `AccountLeaseNotHeldError` otherwise, before anything is sent.
   */
  appendFence(): string {
    if (this.fenceKey === undefined) throw this.notHeldError();
    return this.fenceKey;
  }

  /**
   * The statement an append runs inside its transaction, on the store's connection: one boolean, true
   * while this process's lease session holds the fence (a shared request for its key is refused).
   * The store refuses the append otherwise (`AccountLeaseNotHeldError`), so a standby, or an active
   * process whose lease connection died a moment ago, appends nothing.
   */
  appendFenceQuery(): { readonly text: string; readonly values: readonly unknown[] } {
    return { text: 'SELECT NOT pg_try_advisory_xact_lock_shared($1::bigint)', values: [this.appendFence()] };
  }

  /** The error an append refused by the fence throws. */
  notHeldError(): AccountLeaseNotHeldError {
    return new AccountLeaseNotHeldError(this.schema);
  }

  /** Gives the lock up (a clean stop) and closes the connection. */
  release(): void {
    const db = this.db;
    this.db = undefined;
    const fence = this.fenceKey;
    this.holderPid = undefined;
    this.fenceKey = undefined;
    if (!db?.open) return;
    try {
      // The fence first: from then on no append of ours passes, and only then may another instance take the lease.
      if (fence !== undefined) db.query('SELECT pg_advisory_unlock($2::bigint), pg_advisory_unlock(hashtextextended($1, 0))', [this.key, fence]);
    } catch {
      // The session is gone already, and the lock with it: closing below is all that is left to do.
    } finally {
      db.close();
    }
  }

  private lost(reason: string): LeaseCheck {
    this.holderPid = undefined;
    this.fenceKey = undefined;
    if (this.db?.open) this.db.close();
    this.db = undefined;
    return { held: false, reason };
  }

  private connect(): PgSyncDatabase {
    const answerTimeoutMs = this.options.answerTimeoutMs ?? 2_000;
    const keepalive = this.options.keepalive ?? defaultKeepalive;
    const db = new PgSyncDatabase(this.options.url, {
      statementTimeoutMs: Math.max(1, Math.floor(answerTimeoutMs / 2)),
      answerTimeoutMs,
      applicationName: this.options.applicationName ?? `upbit-trader ${this.schema} lease`,
    });
    try {
      // The lease session must never be ended for being idle (a server-wide idle_session_timeout),
      // and the server must notice a peer that vanished without closing the socket.
      db.exec(
        [
          'SET idle_session_timeout = 0',
          `SET tcp_keepalives_idle = ${whole(keepalive.idleS)}`,
          `SET tcp_keepalives_interval = ${whole(keepalive.intervalS)}`,
          `SET tcp_keepalives_count = ${whole(keepalive.count)}`,
          // The same bound when the server is sending into the void (keep-alives probe idle connections only).
          `SET tcp_user_timeout = ${whole((keepalive.idleS + keepalive.intervalS * keepalive.count) * 1_000)}`,
        ].join('; '),
      );
    } catch (error) {
      db.close();
      throw error;
    }
    return db;
  }
}

function whole(value: number): number {
  return Math.max(1, Math.floor(value));
}
