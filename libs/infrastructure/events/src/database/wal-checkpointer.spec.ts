import { execFileSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempEventDatabase, tempEventDatabase } from '../test-support/temp-event-database';
import { WalCheckpointError } from './database.errors';
import { openEventDatabase } from './open-event-database.bootstrap';
import { WalCheckpointer, WalCheckpointResult } from './wal-checkpointer';

/** About `pages` pages of the log, in one transaction: rows of 3,000 characters fill a page each. */
function writePages(t: TempEventDatabase, pages: number): void {
  t.db.exec('CREATE TABLE IF NOT EXISTS filler (x TEXT)');
  const insert = t.db.prepare('INSERT INTO filler (x) VALUES (?)');
  t.db.transaction(() => {
    for (let i = 0; i < pages; i += 1) insert.run('x'.repeat(3_000));
  })();
}

/** Frames in the log not yet copied into the database file, as the main connection's own passive checkpoint would find them (it copies them). */
const framesLeft = (t: TempEventDatabase): number => {
  const [result] = t.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
  return result.log - result.checkpointed;
};

const ran = (result: WalCheckpointResult): Extract<WalCheckpointResult, { ran: true }> => {
  if (!result.ran) throw new Error('the checkpoint did not run');
  return result;
};

/**
 * The checkpointer on its worker thread against a real WAL file whose own connection never
 * checkpoints (`wal_autocheckpoint = 0`): what reaches the database file was copied by the thread.
 */
describe('WalCheckpointer (checkpointing the WAL on a thread of its own)', () => {
  let t: TempEventDatabase;
  let checkpointer: WalCheckpointer | undefined;
  beforeEach(() => {
    t = tempEventDatabase();
    t.db.pragma('wal_autocheckpoint = 0');
  });
  afterEach(async () => {
    await checkpointer?.close();
    checkpointer = undefined;
    t.cleanup();
  });
  const open = (startPages: number, file = t.path): WalCheckpointer => {
    checkpointer = new WalCheckpointer({ file, synchronous: 'NORMAL', startPages });
    return checkpointer;
  };

  it('copies the whole log into the database file', async () => {
    writePages(t, 300);
    const before = statSync(t.path).size;
    const result = ran(await open(100).checkpoint());
    expect(result.logFrames).toBeGreaterThanOrEqual(300);
    expect(result).toMatchObject({ checkpointedFrames: result.logFrames, busy: false });
    expect(statSync(t.path).size).toBeGreaterThan(before + 250 * 4_096);
    expect(framesLeft(t)).toBe(0);
  });

  it('copies only what was written since, and nothing when nothing was', async () => {
    const checkpoints = open(100);
    writePages(t, 120);
    ran(await checkpoints.checkpoint());
    // The log starts over after a checkpoint: its frames are the new ones only.
    writePages(t, 40);
    const before = statSync(t.path).size;
    const next = ran(await checkpoints.checkpoint());
    expect(next.logFrames).toBeGreaterThanOrEqual(40);
    expect(next.logFrames).toBeLessThan(100);
    expect(next.checkpointedFrames).toBe(next.logFrames);
    const grown = statSync(t.path).size;
    expect(grown).toBeGreaterThan(before);
    expect(ran(await checkpoints.checkpoint())).toEqual(next);
    expect(statSync(t.path).size).toBe(grown);
  });

  it('starts its thread only once the log file reaches its start size', async () => {
    const checkpoints = open(100);
    writePages(t, 40);
    await expect(checkpoints.checkpoint()).resolves.toEqual({ ran: false });
    expect(checkpoints.threadStarts).toBe(0);
    writePages(t, 80);
    await expect(checkpoints.checkpoint()).resolves.toMatchObject({ ran: true });
    expect(checkpoints.threadStarts).toBe(1);
  });

  it('leaves the main connection’s locks alone: another process cannot reset the log under its open read', async () => {
    const checkpoints = open(10);
    writePages(t, 40);
    // A read transaction of this process's main connection stays open across the thread's checkpoint.
    const reading = t.db.prepare('SELECT x FROM filler').iterate();
    reading.next();
    try {
      ran(await checkpoints.checkpoint());
      // SQLite's locks are the process's: had the thread dropped them (closing a descriptor of one of
      // the files does), this other process would find no reader and truncate the log under the read.
      const script = `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))}); const db = new D(${JSON.stringify(t.path)}, { timeout: 0 }); process.stdout.write(JSON.stringify(db.pragma('wal_checkpoint(TRUNCATE)'))); db.close();`;
      const [other] = JSON.parse(execFileSync(process.execPath, ['-e', script]).toString()) as { busy: number }[];
      expect(other?.busy).toBe(1);
    } finally {
      reading.return?.();
    }
    writePages(t, 1);
    expect(t.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 41 });
  });

  it('starts its thread again on the next request after it failed', async () => {
    // A log file without its database: the thread starts, cannot open the file, and ends.
    const missing = join(t.dir, 'later.db');
    writeFileSync(`${missing}-wal`, Buffer.alloc(8_192));
    const checkpoints = open(1, missing);
    await expect(checkpoints.checkpoint()).rejects.toThrow(WalCheckpointError);
    rmSync(`${missing}-wal`);
    const later = openEventDatabase({ path: missing }, t.clock.now());
    try {
      later.pragma('wal_autocheckpoint = 0');
      later.exec('CREATE TABLE filler (x TEXT)');
      await expect(checkpoints.checkpoint()).resolves.toMatchObject({ ran: true, busy: false });
      expect(checkpoints.threadStarts).toBe(2);
    } finally {
      later.close();
    }
  });

  it('refuses requests once closed', async () => {
    const checkpoints = open(100);
    await checkpoints.checkpoint();
    await checkpoints.close();
    await expect(checkpoints.checkpoint()).rejects.toThrow(new WalCheckpointError('the checkpointer was closed'));
  });
});
