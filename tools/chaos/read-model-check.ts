import { ManualClock } from '@trader/domain';
import { EventStoreRuntime, tradingProjections, tradingReadModelEntities } from '@trader/events';
import { silentLogger, TaskManager } from '@trader/runtime';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import type { Violation } from './invariants';

const TABLES = ['rm_orders', 'rm_positions', 'rm_daily_pnl', 'rm_strategies'];

/**
 * Check 4: the read models equal a rebuild from the event store. The live database is copied with
 * SQLite's online backup (the trader keeps running and writing), and the copy is rebuilt, so the
 * trader's own tables are never touched. A copy taken while a projection is a few events behind
 * differs legitimately, so the caller retries before calling a difference a violation.
 */
export async function checkReadModels(database: string, copyPath: string): Promise<Violation[]> {
  rmSync(copyPath, { force: true });
  const source = new Database(database, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    await source.backup(copyPath);
  } finally {
    source.close();
  }
  const tasks = new TaskManager(new ManualClock(), silentLogger);
  const runtime = new EventStoreRuntime({ path: copyPath, clock: new ManualClock(), tasks, readModelEntities: [...tradingReadModelEntities] });
  try {
    const readModels = await runtime.readModelDataSource();
    const snapshot = (): Promise<unknown[][]> => Promise.all(TABLES.map((table) => readModels.query(`SELECT * FROM ${table} ORDER BY 1`) as Promise<unknown[]>));
    const live = await snapshot();
    for (const projection of tradingProjections()) await runtime.addProjection(projection);
    for (const projection of tradingProjections()) await runtime.rebuild(projection.name);
    const rebuilt = await snapshot();
    const violations: Violation[] = [];
    TABLES.forEach((table, i) => {
      const before = new Map((live[i] ?? []).map((row) => [JSON.stringify(Object.values(row as object)[0]), JSON.stringify(row)]));
      const after = new Map((rebuilt[i] ?? []).map((row) => [JSON.stringify(Object.values(row as object)[0]), JSON.stringify(row)]));
      const keys = new Set([...before.keys(), ...after.keys()]);
      const differing = [...keys].filter((key) => before.get(key) !== after.get(key));
      for (const key of differing.slice(0, 10)) {
        violations.push({ check: 4, message: `${table} row differs from a rebuild: live ${before.get(key) ?? 'missing'}, rebuilt ${after.get(key) ?? 'missing'}`, orderIds: table === 'rm_orders' ? [JSON.parse(key) as string] : [] });
      }
      if (differing.length > 10) violations.push({ check: 4, message: `${table}: ${differing.length - 10} more rows differ`, orderIds: [] });
    });
    return violations;
  } finally {
    await runtime.stop();
    await tasks.shutdown(1_000);
    rmSync(copyPath, { force: true });
    rmSync(`${copyPath}-wal`, { force: true });
    rmSync(`${copyPath}-shm`, { force: true });
  }
}
