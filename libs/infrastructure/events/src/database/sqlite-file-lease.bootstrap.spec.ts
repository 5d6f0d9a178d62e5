import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTestChild } from '../test-support/test-child';
import { SqliteFileLease } from './sqlite-file-lease.bootstrap';

describe('SqliteFileLease', () => {
  let dir: string;
  let file: string;
  const leases: SqliteFileLease[] = [];
  const lease = (holderName: string): SqliteFileLease => {
    const made = new SqliteFileLease({ file, holderName, now: () => Date.UTC(2026, 11, 2, 4, 0) });
    leases.push(made);
    return made;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-file-lease-'));
    file = join(dir, 'trader.db');
  });
  afterEach(() => {
    for (const made of leases.splice(0)) made.release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is held by one holder at a time, names it to the others, and is free again once released', () => {
    const first = lease('trader start, pid 1');
    const second = lease('trader replay, pid 2');
    expect(first.tryAcquire()).toBe(true);
    expect(first.tryAcquire()).toBe(true);
    expect(second.tryAcquire()).toBe(false);
    expect(second.held).toBe(false);
    expect(second.holderName()).toBe('trader start, pid 1, since 2026-12-02T04:00:00.000Z');
    // A refused attempt closes its own connection to the lock file: the holder keeps its lock.
    expect(second.tryAcquire()).toBe(false);
    first.release();
    expect(first.held).toBe(false);
    expect(second.holderName()).toBeNull();
    expect(second.tryAcquire()).toBe(true);
    expect(first.tryAcquire()).toBe(false);
    expect(first.holderName()).toBe('trader replay, pid 2, since 2026-12-02T04:00:00.000Z');
  });

  it('is one lease however the store is named: through a symlink to the file or to its directory', () => {
    writeFileSync(file, '');
    const first = lease('trader start, pid 1');
    expect(first.tryAcquire()).toBe(true);
    symlinkSync(file, join(dir, 'linked.db'));
    symlinkSync(dir, `${dir}-linked-dir`);
    try {
      const viaFileLink = new SqliteFileLease({ file: join(dir, 'linked.db'), holderName: 'via the file link' });
      const viaDirLink = new SqliteFileLease({ file: join(`${dir}-linked-dir`, 'trader.db'), holderName: 'via the directory link' });
      expect(viaFileLink.tryAcquire()).toBe(false);
      expect(viaDirLink.tryAcquire()).toBe(false);
      expect(viaDirLink.holderName()).toBe('trader start, pid 1, since 2026-12-02T04:00:00.000Z');
    } finally {
      rmSync(`${dir}-linked-dir`, { force: true });
    }
  });

  it('holds against another process, and is free once that process is killed (kill -9 leaves no lease behind)', async () => {
    const holder = spawnTestChild('lease-holder.child.ts', [file]);
    try {
      await holder.ready;
      const mine = lease('this test');
      expect(mine.tryAcquire()).toBe(false);
      expect(mine.holderName()).toMatch(/^lease-holder\.child pid \d+, since /);
      holder.kill('SIGKILL');
      expect((await holder.exited).signal).toBe('SIGKILL');
      expect(mine.tryAcquire()).toBe(true);
      expect(mine.holderName()).toBe('this test, since 2026-12-02T04:00:00.000Z');
    } finally {
      holder.kill('SIGKILL');
      await holder.exited;
    }
  });

  it('makes another process wanting it wait for nothing: it is refused at once while this one holds it', async () => {
    const mine = lease('this test');
    expect(mine.tryAcquire()).toBe(true);
    const other = spawnTestChild('lease-holder.child.ts', [file]);
    const exit = await other.exited;
    expect(exit.code).toBe(3);
    expect(other.lines).toEqual(['busy']);
    mine.release();
    expect(existsSync(`${file}-lease-holder`)).toBe(false);
  });
});
