// Child process of the two-writer test: claims the next version of one stream until it reaches the
// target, and prints the versions it won and how many times it lost a race.
import { ConcurrencyError } from '@trader/application';
import { SystemClock } from '@trader/runtime';
import { openEventDatabase } from '../database/open-event-database.bootstrap';
import { SqliteEventStore } from '../store/sqlite-event-store';

async function main(): Promise<void> {
  const [path, writer, target, startAt] = process.argv.slice(2);
  const clock = new SystemClock();
  const store = new SqliteEventStore(openEventDatabase({ path }, clock.now()), { clock });
  // Both writers start at the same moment, whatever their start-up took.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - clock.now())));
  const won: number[] = [];
  let lost = 0;
  for (;;) {
    const version = store.streamVersion('race');
    if (version >= Number(target)) break;
    try {
      await store.append('race', version, [{ eventId: `${writer}-${version + 1}`, type: 'VersionClaimed', data: { writer } }]);
      won.push(version + 1);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      lost += 1;
    }
  }
  process.stdout.write(JSON.stringify({ won, lost }));
}

main().catch((error: unknown) => {
  process.stderr.write(`race writer failed: ${String(error)}\n`);
  process.exit(2);
});
