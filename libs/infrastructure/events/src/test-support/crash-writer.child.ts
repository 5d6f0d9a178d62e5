// Child process of the crash test: appends commands in a loop while a projection follows them, and
// prints the id of every command whose append returned. The parent kills it with SIGKILL at random.
import 'reflect-metadata';
import { SystemClock } from '@trader/runtime';
import { silentLogger, TaskManager } from '@trader/runtime';
import { DeadLetterStore } from '../bus/dead-letter-store';
import { LaneDispatcher } from '../bus/lane-dispatcher';
import { PublishingEventStore } from '../bus/publishing-event-store';
import { openEventDatabase } from '../database/open-event-database.bootstrap';
import { ProjectionSubscriber } from '../projections/projection-subscriber';
import { openReadModelDataSource } from '../projections/read-model-data-source.bootstrap';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { CheckpointStore } from '../subscriptions/checkpoint-store';
import { StreamCountRow, streamCountProjection } from './stream-count.projection';

async function main(): Promise<void> {
  const [path, round] = process.argv.slice(2);
  const clock = new SystemClock();
  const now = (): number => clock.now();
  const db = openEventDatabase({ path }, now());
  const store = new SqliteEventStore(db, { clock });
  const checkpoints = new CheckpointStore(db, now);
  const tasks = new TaskManager(clock, silentLogger);
  const dispatcher = new LaneDispatcher(store, checkpoints, new DeadLetterStore(db, checkpoints, now), tasks, {
    now,
    queueCapacity: 1_000_000,
  });
  await openReadModelDataSource(db, [StreamCountRow]);
  dispatcher.register(new ProjectionSubscriber(streamCountProjection(), db, now));
  const publishing = new PublishingEventStore(store, dispatcher);
  dispatcher.start();
  process.stdout.write('ready\n');
  for (let n = 0; ; n += 1) {
    const size = 1 + (n % 5);
    const command = `r${round}-c${n}`;
    const events = Array.from({ length: size }, (_, i) => ({
      eventId: `${command}/${i}`,
      type: 'SampleRecorded',
      data: { command, of: size, pad: 'x'.repeat(100) },
    }));
    await publishing.append(`stream-${n % 17}`, 'any', events);
    process.stdout.write(`${command}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crash writer failed: ${String(error)}\n`);
  process.exit(2);
});
