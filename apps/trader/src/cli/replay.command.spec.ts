import { openEventDatabase, SqliteEventStore } from '@trader/events';
import type { StreamAppend } from '@trader/events';
import Sqlite from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliOutput } from './cli-output';
import { rebuildReadModels } from './replay.command';

const at0 = Date.UTC(2026, 11, 1);

/** Position `n` opened on one of 10 markets, as the trader stores a buy's fill. */
function positionOpened(n: number): StreamAppend {
  const market = `KRW-C${String(n % 10).padStart(3, '0')}`;
  return {
    streamId: `position-${market}`,
    expectedVersion: 'any',
    events: [
      {
        eventId: `position-${n}`,
        type: 'PositionOpened',
        data: {
          market,
          tradeId: `t-${n}`,
          side: 'buy',
          price: '1000',
          volume: '1',
          fee: '0.5',
          fillRealizedPnl: '0',
          quantity: '1',
          averageEntryPrice: '1000',
          costBasis: '1000',
          realizedPnl: '0',
          fees: '0.5',
          at: at0 + n,
        },
      },
    ],
  };
}

describe('trader replay', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-replay-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds in batches of 3,000 events (the trader is stopped: nothing waits on the event loop between them)', async () => {
    const file = join(dir, 'trader.db');
    const db = openEventDatabase({ path: file }, 0);
    try {
      const store = new SqliteEventStore(db, { clock: { now: () => at0 } });
      for (let first = 0; first < 7_000; first += 1_000) await store.appendBatch(Array.from({ length: 1_000 }, (_, i) => positionOpened(first + i)));
    } finally {
      db.close();
    }
    const out: string[] = [];
    const err: string[] = [];
    const output: CliOutput = { out: (line) => out.push(line), err: (line) => err.push(line) };
    await rebuildReadModels(file, 'default', output, null);
    // Progress is reported once per batch and projection.
    expect(err.filter((line) => line.startsWith('rm-positions:'))).toEqual(['rm-positions: 3000/7000', 'rm-positions: 6000/7000', 'rm-positions: 7000/7000']);
    expect(out).toContain('rm-positions rebuilt to position 7000');
    const rebuilt = new Sqlite(file, { readonly: true });
    try {
      expect(rebuilt.prepare('SELECT COUNT(*) FROM rm_positions').pluck().get()).toBe(10);
      expect(rebuilt.prepare('SELECT fills FROM rm_daily_pnl').pluck().all()).toEqual([7_000]);
    } finally {
      rebuilt.close();
    }
  });
});
