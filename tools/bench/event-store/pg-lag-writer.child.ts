// A writer process of `--pg`'s subscriber-lag workload: for each run it opens its own connection to
// the run's store (`open`), then appends one event at a time on a fixed schedule (`start`) and answers
// with the position of each event and the moment its append was acknowledged.
import 'reflect-metadata';
import { payload } from './bench-support';
import { Appender, ContenderId, openAppender, RunTarget } from './pg-contenders';
import { monotonicMs, pause } from './pg-lag-clock';

/** Opens this writer's own connection to the run's store; answered with `{ kind: 'ready' }`. */
export interface WriterOpen {
  readonly kind: 'open';
  readonly contender: ContenderId;
  readonly target: RunTarget;
  readonly writer: number;
}

/** Appends `appends` events, one per append, on a schedule; answered with `WriterAcks`, then closes. */
export interface WriterStart {
  readonly kind: 'start';
  readonly appends: number;
  readonly intervalMs: number;
  /** `monotonicMs()` at which the first append is due (every writer starts at the same moment). */
  readonly startAtMs: number;
}

/** `[position, acknowledged at (monotonicMs)]` per append, in the order written. */
export interface WriterAcks {
  readonly kind: 'acks';
  readonly acks: Array<[number, number]>;
}

export type WriterReply = { readonly kind: 'ready' } | WriterAcks | { readonly kind: 'failed'; readonly error: string };

let writer = 0;
let appender: Appender | undefined;

async function start(message: WriterStart): Promise<WriterAcks> {
  const open = appender;
  if (!open) throw new Error('start before open');
  try {
    const acks: Array<[number, number]> = [];
    // The writers' schedules interleave: writer w appends at start + w/4 of an interval, + k intervals.
    const offset = (writer * message.intervalMs) / 4;
    for (let k = 0; k < message.appends; k += 1) {
      await pause(message.startAtMs + offset + k * message.intervalMs - monotonicMs());
      const position = await open.append(`s-${writer}-${k % 250}`, [{ type: 'OrderPlaced', data: payload(k) }]);
      acks.push([position, monotonicMs()]);
    }
    return { kind: 'acks', acks };
  } finally {
    appender = undefined;
    await open.close();
  }
}

async function handle(message: WriterOpen | WriterStart): Promise<WriterReply> {
  if (message.kind === 'open') {
    writer = message.writer;
    // One of 4 writer processes of one account: they cannot all hold its lease (see pg-contenders.ts).
    appender = await openAppender(message.contender, message.target, { lease: false });
    return { kind: 'ready' };
  }
  return start(message);
}

// The bench process is gone (interrupted): nothing more will come.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: WriterOpen | WriterStart | { kind: 'exit' }) => {
  if (message.kind === 'exit') {
    process.disconnect();
    return;
  }
  handle(message).then(
    (reply) => process.send?.(reply),
    (error: unknown) => process.send?.({ kind: 'failed', error: String((error as Error)?.stack ?? error) }),
  );
});
