import { accountSchema } from '@trader/events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgBenchDatabase, PgBenchDatabases } from './pg-bench-database';
import { ContenderId, RunTarget } from './pg-contenders';

/**
 * A fresh, empty place for each measured run: a new account schema in our database, a new schema in
 * Emmett's (its tables follow the connection's search_path), a new SQLite file. Everything is
 * removed when the run is over, outside the timed regions, and all of it by `close()`.
 *
 * Runs are one after the other, and a run's Emmett schema must be gone before the next one is created:
 * Emmett's migration skips a function that exists in any schema of the database (it looks it up in
 * pg_proc by name alone), so a second live schema would get no functions.
 */
export class RunTargets {
  private readonly scratch = mkdtempSync(join(tmpdir(), 'bench-event-store-pg-'));
  private readonly ours: PgBenchDatabase;
  private readonly emmett: PgBenchDatabase;
  private readonly floor: PgBenchDatabase;
  private runs = 0;

  constructor(private readonly databases: PgBenchDatabases) {
    this.ours = databases.create('ours');
    this.emmett = databases.create('emmett');
    this.floor = databases.create('floor');
  }

  fresh(contender: ContenderId): RunTarget {
    this.runs += 1;
    if (contender === 'emmett-pg') return { store: 'emmett-pg', url: this.databases.freshSchema(this.emmett, 'emmett_run').url };
    if (contender === 'floor-pg') return { store: 'floor-pg', url: this.databases.freshSchema(this.floor, 'floor_run').url };
    if (contender === 'ours-pg-full' || contender === 'ours-pg-default') return { store: 'ours-pg', databaseUrl: this.ours.url, account: `run${this.runs}` };
    return { store: 'ours-sqlite', file: join(this.scratch, `run-${this.runs}.db`) };
  }

  release(target: RunTarget): void {
    if (target.store === 'emmett-pg' || target.store === 'floor-pg') {
      const schema = new URL(target.url).searchParams.get('options')?.replace('-c search_path=', '') ?? '';
      this.databases.dropSchema(target.store === 'emmett-pg' ? this.emmett : this.floor, schema);
    } else if (target.store === 'ours-pg') {
      this.databases.dropSchema(this.ours, accountSchema(target.account));
    } else {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.file}${suffix}`, { force: true });
    }
  }

  close(): void {
    rmSync(this.scratch, { recursive: true, force: true });
    this.databases.dropAll();
  }
}
