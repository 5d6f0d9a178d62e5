import { StoredEvent } from '@trader/application';
import { EventStoreRuntime } from '../event-store-runtime';
import { StreamCountRow, streamCountProjection } from '../test-support/stream-count.projection';
import { childResult, spawnTestChild, TestChild } from '../test-support/test-child';
import { CheckpointFollower, followVerdict } from './checkpoint-follower';
import { ConformanceContext } from './conformance-context';

/** How hard the process tests push a store (the budget of a CI run is shared by both stores). */
export interface WriterProcessLoad {
  /** Rounds of the crash test: a writer started, SIGKILLed at a random moment, the store checked. */
  readonly crashRounds: number;
}

/** The child's arguments for this test's store. */
function locationArgs(t: ConformanceContext): string[] {
  return [t.location.path, t.location.account ?? ''];
}

/** Starts the crash writer, kills it with SIGKILL `killAfterMs` after it is ready; the commands it acknowledged. */
async function runAndKill(t: ConformanceContext, round: number, killAfterMs: number): Promise<string[]> {
  const child = spawnTestChild('crash-writer.child.ts', [...locationArgs(t), String(round)]);
  await child.ready;
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const { signal, stderr } = await child.exited;
  clearTimeout(timer);
  if (signal !== 'SIGKILL') throw new Error(`the crash writer ended on its own: ${stderr}`);
  return child.lines.filter((line) => line !== 'ready');
}

/** Events per stream and the last version, from the log itself: what the counting projection must hold. */
function countsFromLog(events: readonly StoredEvent[]): StreamCountRow[] {
  const byStream = new Map<string, StreamCountRow>();
  for (const event of events) {
    const row = byStream.get(event.streamId) ?? { streamId: event.streamId, events: 0, lastVersion: 0 };
    row.events += 1;
    row.lastVersion = Math.max(row.lastVersion, event.streamVersion);
    byStream.set(event.streamId, row);
  }
  return [...byStream.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
}

async function streamCounts(runtime: EventStoreRuntime): Promise<StreamCountRow[]> {
  const rows = await (await runtime.readModelDataSource()).getRepository(StreamCountRow).find();
  return rows.sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
}

/** Several processes writing one store at once: races, crashes, and a subscriber that must not skip. */
export function writerProcessesConformance(t: ConformanceContext, load: WriterProcessLoad): void {
  describe('writer processes', () => {
    it('lets exactly one of two racing writer processes win each version of a stream', async () => {
      // The schema exists before the children start, so neither waits on the other's migration.
      await t.close(t.open());
      const target = 500;
      // On a busy machine one writer can claim all 500 versions (tens of milliseconds on SQLite) before
      // the other is scheduled: then nothing raced. Each attempt races on a stream of its own, every
      // attempt is checked, and the test needs one attempt in which the writers did race.
      const maxAttempts = 4;
      let raced = false;
      for (let attempt = 1; attempt <= maxAttempts && !raced; attempt += 1) {
        const streamId = `race-${attempt}`;
        const writers = ['a', 'b'].map((name) => spawnTestChild('race-writer.child.ts', [...locationArgs(t), name, String(target), streamId]));
        await Promise.all(writers.map((child) => child.ready));
        for (const child of writers) child.go();
        const [a, b] = await Promise.all(writers.map((child) => childResult<{ won: number[]; lost: number }>(child)));

        const runtime = t.open();
        const { store } = runtime;
        const stream = [...store.readStream(streamId)];
        expect(stream.map((e) => e.streamVersion)).toEqual(Array.from({ length: target }, (_, i) => i + 1));
        expect(store.lastPosition()).toBe(target * attempt);
        expect((a?.won.length ?? 0) + (b?.won.length ?? 0)).toBe(target);
        const winners = new Map(stream.map((e) => [e.streamVersion, e.eventId]));
        for (const v of a?.won ?? []) expect(winners.get(v)).toBe(`${streamId}/a-${v}`);
        for (const v of b?.won ?? []) expect(winners.get(v)).toBe(`${streamId}/b-${v}`);
        // Both writers ran at once: between them they lost races (a writer that never lost ran alone).
        raced = (a?.lost ?? 0) + (b?.lost ?? 0) > 0;
        await t.close(runtime);
      }
      expect(raced).toBe(true);
    }, 120_000);

    it(`keeps every acknowledged append, no partial command, no gap and exact projections over ${load.crashRounds} SIGKILLs`, async () => {
      const acknowledged: string[] = [];
      for (let round = 0; round < load.crashRounds; round += 1) {
        acknowledged.push(...(await runAndKill(t, round, 20 + Math.floor(Math.random() * 250))));

        const runtime = t.open({ readModelEntities: [StreamCountRow] });
        const events = [...runtime.store.readAll()];
        const stored = new Set(events.map((event) => event.eventId));
        expect(acknowledged.filter((command) => !stored.has(`${command}/0`))).toEqual([]);
        // Each command is 1-5 events written by one append: all of them or none.
        const commands = new Map<string, { of: number; n: number }>();
        for (const event of events) {
          const { command, of } = event.data as { command: string; of: number };
          const seen = commands.get(command) ?? { of, n: 0 };
          seen.n += 1;
          commands.set(command, seen);
        }
        expect([...commands].filter(([, c]) => c.n !== c.of)).toEqual([]);
        expect(events.map((event) => event.position)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));

        // Recovery: the projection catches up from its checkpoint, then must equal the log and a rebuild.
        const projection = await runtime.addProjection(streamCountProjection());
        runtime.start();
        await runtime.dispatcher.whenCaughtUp(projection.name, events.length, 15_000);
        const caughtUp = await streamCounts(runtime);
        expect(caughtUp).toEqual(countsFromLog(events));
        await runtime.rebuild(projection.name);
        expect(await streamCounts(runtime)).toEqual(caughtUp);
        // The store takes appends again after the crash.
        const command = `after-${round}`;
        await runtime.store.append(command, 'no_stream', [{ eventId: `${command}/0`, type: 'SampleRecorded', data: { command, of: 1 } }]);
        acknowledged.push(command);
        await t.close(runtime);
      }
      expect(acknowledged.length).toBeGreaterThan(load.crashRounds * 2);
      // A round is mostly the child starting (compiling its TypeScript): 2-3 s idle, 7 s on a loaded
      // machine, more beside CI's other tests; the budget only has to end a hang.
    }, 60_000 + load.crashRounds * 20_000);

    it('never lets a subscriber following the log skip an event while 4 writer processes append', async () => {
      await t.close(t.open());
      const writers: TestChild[] = ['w1', 'w2', 'w3', 'w4'].map((name) => spawnTestChild('stream-writer.child.ts', [...locationArgs(t), name, '4', '250']));
      await Promise.all(writers.map((child) => child.ready));
      const { store } = t.open();
      const follower = new CheckpointFollower((checkpoint, limit) => [...store.readAll(checkpoint + 1, limit)]);
      let finished = false;
      const results = Promise.all(writers.map((child) => childResult<{ acknowledged: string[] }>(child))).finally(() => {
        finished = true;
      });
      // Awaited below, once the follower is done; a writer that fails ends the follow too.
      results.catch(() => undefined);
      for (const child of writers) child.go();
      await follower.follow(() => finished);
      const acknowledged = (await results).flatMap((result) => result.acknowledged);

      // 4 writers, 250 appends each of 1, 2, 3, 1, ... events: 499 events per writer.
      expect(acknowledged).toHaveLength(1_996);
      expect(followVerdict(follower.seen, acknowledged)).toEqual({ missed: [], duplicated: [], unknown: [], outOfOrder: [] });
      expect(follower.seen).toHaveLength(acknowledged.length);
      expect(follower.seen.map((event) => event.position)).toEqual(Array.from({ length: acknowledged.length }, (_, i) => i + 1));
    }, 120_000);
  });
}
