// Child process of the "subscribers never skip" test: one of several concurrent writers. It appends
// `appends` times, round robin over its own `streams` streams, 1 to 3 events each with the stream's
// expected version, and prints the ids of every event whose append returned.
import { openChildRuntime, waitForGo } from './child-runtime';

async function main(): Promise<void> {
  const [path = '', account = '', writer = '', streams = '', appends = ''] = process.argv.slice(2);
  const runtime = openChildRuntime(path, account);
  const { store } = runtime;
  const versions = Array.from({ length: Number(streams) }, () => 0);
  await waitForGo();
  const acknowledged: string[] = [];
  for (let n = 0; n < Number(appends); n += 1) {
    const stream = n % versions.length;
    const version = versions[stream] ?? 0;
    const events = Array.from({ length: 1 + (n % 3) }, (_, i) => ({ eventId: `${writer}-${n}-${i}`, type: 'SampleRecorded', data: { writer, n } }));
    const result = await store.append(`${writer}-s${stream}`, version, events);
    versions[stream] = result.nextExpectedVersion;
    acknowledged.push(...events.map((event) => event.eventId));
  }
  await runtime.stop();
  process.stdout.write(`${JSON.stringify({ acknowledged })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`stream writer failed: ${String(error)}\n`);
  process.exit(2);
});
