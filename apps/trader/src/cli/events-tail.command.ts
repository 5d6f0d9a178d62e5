import type { StoredEvent } from '@trader/application';
import { AdminClient } from './admin-client';
import { CliOutput, CliUsageError } from './cli-output';
import { eventDatabaseLabel, openEventLogReader } from './event-database/event-log-reader.bootstrap';

/**
 * `events tail [--from N] [--follow]`: prints stored events as JSON lines from a position (default: the
 * first), then, with --follow, every new one as it is committed, until Ctrl-C.
 */
export async function eventsTailCommand(client: AdminClient, args: readonly string[], output: CliOutput, signal: AbortSignal): Promise<void> {
  const fromIndex = args.indexOf('--from');
  const from = fromIndex === -1 ? 1 : Number(args[fromIndex + 1]);
  if (!Number.isInteger(from) || from < 1) throw new CliUsageError('--from takes a position, such as --from 1');
  for (let next: number | null = from; next !== null; ) {
    const { status, body } = await client.request('GET', `/api/v1/events?from=${next}&limit=1000`);
    if (status !== 200) throw new Error(`the trader answered ${status}: ${JSON.stringify(body)}`);
    const page = body as { events: StoredEvent[]; nextPosition: number | null };
    for (const event of page.events) output.out(JSON.stringify(event));
    next = page.nextPosition;
  }
  if (!args.includes('--follow')) return;
  const response = await client.stream('/api/v1/events/live', signal);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
        if (data) output.out(data.slice('data: '.length));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

/**
 * `events tail --db FILE [--from N]`: prints the events of an event store as JSON lines, read-only,
 * without a running trader: a kept backtest run (`--keep-events`), a stopped trader's database, or a
 * PostgreSQL URL (the account's schema, TRADER_ACCOUNT).
 */
export async function eventsTailFromFile(args: readonly string[], account: string, output: CliOutput): Promise<void> {
  const path = args[args.indexOf('--db') + 1];
  if (!path || path.startsWith('--')) throw new CliUsageError('--db takes an event store file, such as --db run.db, or a postgres:// URL');
  const fromIndex = args.indexOf('--from');
  const from = fromIndex === -1 ? 1 : Number(args[fromIndex + 1]);
  if (!Number.isInteger(from) || from < 1) throw new CliUsageError('--from takes a position, such as --from 1');
  if (args.includes('--follow')) throw new CliUsageError('--follow needs a running trader; a database is printed once');
  const reader = await openEventLogReader(path, account);
  if (!reader) throw new CliUsageError(`--db ${eventDatabaseLabel(path, account)}: no event store there`);
  try {
    for (const event of reader.store.readAll(from)) output.out(JSON.stringify(event));
  } finally {
    reader.close();
  }
}
