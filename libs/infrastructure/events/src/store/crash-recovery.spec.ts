import { silentLogger, TaskManager, eventually, SystemClock } from '@trader/runtime';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeadLetterStore } from '../bus/dead-letter-store';
import { LaneDispatcher } from '../bus/lane-dispatcher';
import { openEventDatabase } from '../database/open-event-database.bootstrap';
import { ProjectionSubscriber } from '../projections/projection-subscriber';
import { openReadModelDataSource } from '../projections/read-model-data-source.bootstrap';
import { rebuildProjection } from '../projections/rebuild-projection';
import { CheckpointStore } from '../subscriptions/checkpoint-store';
import { StreamCountRow, streamCountProjection } from '../test-support/stream-count.projection';
import { SqliteEventStore } from './sqlite-event-store';

const workspaceRoot = resolve(__dirname, '../../../../..');
const childScript = join(__dirname, '../test-support/crash-writer.child.ts');
const rounds = 20;

/** Runs the writer until it has acknowledged a few commands, kills it with SIGKILL at a random moment. */
function runAndKill(path: string, round: number, killAfterMs: number): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', childScript, path, String(round)], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else acked.push(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: ${stderr}`));
      else resolvePromise(acked);
    });
  });
}

describe('crash recovery', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged append, no partial command, no gap and exact projections over ${rounds} SIGKILLs`, async () => {
    const path = join(dir, 'trader.db');
    const clock = new SystemClock();
    const acknowledged: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      acknowledged.push(...(await runAndKill(path, round, 20 + Math.floor(Math.random() * 250))));

      const db = openEventDatabase({ path }, clock.now());
      const store = new SqliteEventStore(db, { clock });
      const stored = new Set(db.prepare('SELECT event_id FROM events').pluck().all() as string[]);
      const missing = acknowledged.filter((command) => !stored.has(`${command}/0`));
      expect(missing).toEqual([]);

      const partial = db
        .prepare(
          `SELECT json_extract(payload, '$.command') AS command, COUNT(*) AS n, MAX(json_extract(payload, '$.of')) AS size
           FROM events GROUP BY command HAVING n <> size`,
        )
        .all();
      expect(partial).toEqual([]);
      const { count, max } = db.prepare('SELECT COUNT(*) AS count, MAX(position) AS max FROM events').get() as { count: number; max: number };
      expect(max).toBe(count);

      // Recovery: the projection catches up from its checkpoint, then must equal a rebuild from scratch.
      const now = (): number => clock.now();
      const checkpoints = new CheckpointStore(db, now);
      const tasks = new TaskManager(clock, silentLogger);
      const dispatcher = new LaneDispatcher(store, checkpoints, new DeadLetterStore(db, checkpoints, now), tasks, { now });
      const dataSource = await openReadModelDataSource(db, [StreamCountRow]);
      const projection = new ProjectionSubscriber(streamCountProjection(), db, now);
      dispatcher.register(projection);
      dispatcher.start();
      await eventually(() => expect(checkpoints.position('stream-counts')).toBe(max), { timeoutMs: 10_000 });
      await dispatcher.stop();
      await tasks.shutdown(1_000);
      const read = async (): Promise<StreamCountRow[]> => dataSource.getRepository(StreamCountRow).find({ order: { streamId: 'ASC' } });
      const caughtUp = await read();
      const fromEvents = db
        .prepare('SELECT stream_id AS streamId, COUNT(*) AS events, MAX(stream_version) AS lastVersion FROM events GROUP BY stream_id ORDER BY stream_id')
        .all();
      expect(caughtUp).toEqual(fromEvents);
      await rebuildProjection(projection, store);
      expect(await read()).toEqual(caughtUp);
      await dataSource.destroy();
    }
    expect(acknowledged.length).toBeGreaterThan(rounds);
  }, 90_000);
});
