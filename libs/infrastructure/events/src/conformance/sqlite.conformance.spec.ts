import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreConformance } from './event-store-conformance';

eventStoreConformance(
  'SQLite',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'trader-conformance-'));
    return {
      path: join(dir, 'trader.db'),
      account: undefined,
      dispose: () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  { crashRounds: 20, pageReader: true },
);
