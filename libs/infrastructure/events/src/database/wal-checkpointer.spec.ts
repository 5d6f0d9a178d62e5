import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempEventDatabase, tempEventDatabase } from '../test-support/temp-event-database';
import { WalCheckpointError } from './database.errors';
import { openEventDatabase } from './open-event-database.bootstrap';
import { WalCheckpointer } from './wal-checkpointer';

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
  const open = (thresholdPages: number, file = t.path): WalCheckpointer => {
    checkpointer = new WalCheckpointer({ file, synchronous: 'NORMAL', thresholdPages });
    return checkpointer;
  };

  it('copies the whole log into the database file once the threshold’s frames wait', async () => {
    writePages(t, 300);
    const before = statSync(t.path).size;
    const result = await open(100).checkpoint();
    expect(result.ran).toBe(true);
    // Read from the WAL index: every frame of the log was waiting, and every one was copied.
    expect(result.pendingFrames).toBeGreaterThanOrEqual(300);
    expect(result).toMatchObject({ logFrames: result.pendingFrames, checkpointedFrames: result.pendingFrames, busy: false });
    expect(statSync(t.path).size).toBeGreaterThan(before + 250 * 4_096);
    expect(framesLeft(t)).toBe(0);
  });

  it('does nothing while fewer frames wait, and counts only the frames written since the last checkpoint', async () => {
    const checkpoints = open(100);
    writePages(t, 120);
    await expect(checkpoints.checkpoint()).resolves.toMatchObject({ ran: true });
    // The log starts over after a checkpoint: the frames waiting are the new ones only.
    writePages(t, 40);
    const before = statSync(t.path).size;
    const idle = await checkpoints.checkpoint();
    expect(idle.ran).toBe(false);
    expect(idle.pendingFrames).toBeGreaterThanOrEqual(40);
    expect(idle.pendingFrames).toBeLessThan(100);
    expect(statSync(t.path).size).toBe(before);

    writePages(t, 80);
    const copied = await checkpoints.checkpoint();
    expect(copied.ran).toBe(true);
    expect(copied.pendingFrames).toBeGreaterThanOrEqual(120);
    expect(copied.checkpointedFrames).toBe(copied.logFrames);
    expect(statSync(t.path).size).toBeGreaterThan(before);
  });

  it('starts its thread only once the log reaches the threshold’s size', async () => {
    const checkpoints = open(100);
    writePages(t, 40);
    await expect(checkpoints.checkpoint()).resolves.toEqual({ ran: false, pendingFrames: undefined });
    expect(checkpoints.threadStarts).toBe(0);
    writePages(t, 80);
    await expect(checkpoints.checkpoint()).resolves.toMatchObject({ ran: true });
    expect(checkpoints.threadStarts).toBe(1);
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
