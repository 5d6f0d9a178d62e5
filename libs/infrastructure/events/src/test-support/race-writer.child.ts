// Child process of the two-writers race: claims the next version of one stream (default "race") until
// it reaches the target, and prints the versions it won and how many times it lost a race.
import { ConcurrencyError } from '@trader/application';
import { openChildRuntime, waitForGo } from './child-runtime';

async function main(): Promise<void> {
  const [path = '', account = '', writer = '', target = '', stream = 'race'] = process.argv.slice(2);
  const runtime = openChildRuntime(path, account);
  const { store } = runtime;
  // Both writers start on the parent's word, whatever their start-up took.
  await waitForGo();
  const won: number[] = [];
  let lost = 0;
  for (;;) {
    const version = store.streamVersion(stream);
    if (version >= Number(target)) break;
    try {
      await store.append(stream, version, [{ eventId: `${stream}/${writer}-${version + 1}`, type: 'VersionClaimed', data: { writer } }]);
      won.push(version + 1);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      lost += 1;
    }
  }
  await runtime.stop();
  process.stdout.write(`${JSON.stringify({ won, lost })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`race writer failed: ${String(error)}\n`);
  process.exit(2);
});
