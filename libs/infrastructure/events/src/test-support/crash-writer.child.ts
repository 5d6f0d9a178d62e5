// Child process of the crash test: appends commands in a loop while a projection follows them, and
// prints the id of every command whose append returned. The parent kills it with SIGKILL at random.
import 'reflect-metadata';
import { openChildRuntime } from './child-runtime';
import { StreamCountRow, streamCountProjection } from './stream-count.projection';

async function main(): Promise<void> {
  const [path = '', account = '', round = ''] = process.argv.slice(2);
  const runtime = openChildRuntime(path, account, { queueCapacity: 1_000_000, readModelEntities: [StreamCountRow] });
  await runtime.addProjection(streamCountProjection());
  runtime.start();
  process.stdout.write('ready\n');
  for (let n = 0; ; n += 1) {
    const size = 1 + (n % 5);
    const command = `r${round}-c${n}`;
    const events = Array.from({ length: size }, (_, i) => ({
      eventId: `${command}/${i}`,
      type: 'SampleRecorded',
      data: { command, of: size, pad: 'x'.repeat(100) },
    }));
    await runtime.publishing.append(`stream-${n % 17}`, 'any', events);
    process.stdout.write(`${command}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crash writer failed: ${String(error)}\n`);
  process.exit(2);
});
