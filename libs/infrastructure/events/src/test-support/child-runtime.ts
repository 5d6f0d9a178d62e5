import { SystemClock, silentLogger, TaskManager } from '@trader/runtime';
import { EventStoreRuntime } from '../event-store-runtime';
import { EventStoreRuntimeOptions } from '../event-store-runtime.options';

/**
 * The runtime a `*.child.ts` opens on the store its parent test uses: `path` is a SQLite file or a
 * PostgreSQL URL, `account` the PostgreSQL account ('' for SQLite, which has none).
 */
export function openChildRuntime(path: string, account: string, options: Partial<Omit<EventStoreRuntimeOptions, 'path' | 'account'>> = {}): EventStoreRuntime {
  const clock = new SystemClock();
  return new EventStoreRuntime({
    path,
    ...(account ? { account } : {}),
    clock,
    tasks: new TaskManager(clock, silentLogger),
    ...options,
  });
}

/** Prints `ready` and resolves when the parent writes `go` (see `spawnTestChild`). */
export function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    let input = '';
    process.stdin.on('data', (chunk: Buffer) => {
      input += chunk.toString();
      if (input.includes('go\n')) resolve();
    });
    process.stdout.write('ready\n');
  });
}
