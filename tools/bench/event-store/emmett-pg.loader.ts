import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @event-driven-io/emmett-postgresql 0.42.0 lives in its own package (emmett-pg/, with its own lock
 * file): it needs @event-driven-io/emmett 0.42.0 as a peer, the root's emmett-sqlite 0.38.5 needs 0.38.5,
 * so they cannot share the root install. `npm ci` fills emmett-pg/node_modules on the first `--pg` run.
 */
export const emmettPgDir = join(__dirname, 'emmett-pg');
const packageDir = join(emmettPgDir, 'node_modules', '@event-driven-io', 'emmett-postgresql');
const dumboDir = join(emmettPgDir, 'node_modules', '@event-driven-io', 'dumbo');

/** The parts of Emmett's PostgreSQL store the benchmark drives (its own types live in emmett-pg/). */
export interface EmmettPgEvent {
  readonly type: string;
  readonly data: Record<string, string | number>;
}

export interface EmmettPgReadEvent extends EmmettPgEvent {
  readonly metadata: { readonly messageId: string; readonly globalPosition: bigint };
}

export interface EmmettPgConsumer {
  reactor(options: {
    processorId: string;
    startFrom?: 'BEGINNING' | 'END' | 'CURRENT';
    eachMessage(event: EmmettPgReadEvent): Promise<void>;
  }): unknown;
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface EmmettPgStore {
  readonly schema: { migrate(): Promise<void> };
  appendToStream(streamName: string, events: readonly EmmettPgEvent[]): Promise<{ lastEventGlobalPosition: bigint }>;
  consumer(options?: { pulling?: { batchSize?: number; pullingFrequencyInMs?: number } }): EmmettPgConsumer;
  close(): Promise<void>;
}

/** A dumbo pool (Emmett's connection layer); `execute` is what Emmett's read functions take. */
export interface EmmettPgPool {
  readonly execute: unknown;
  close(): Promise<void>;
}

export interface EmmettPg {
  getPostgreSQLEventStore(connectionString: string, options?: { schema?: { autoMigration?: 'None' | 'CreateOrUpdate' } }): EmmettPgStore;
  /** The read Emmett's consumers poll with: events of transactions older than every one in flight, after `after`. */
  readMessagesBatch(execute: unknown, options: { after: bigint; batchSize: number }): Promise<{ messages: EmmettPgReadEvent[] }>;
}

export interface EmmettDumbo {
  dumbo(options: { connectionString: string }): EmmettPgPool;
}

/** Installs emmett-pg/ from its lock file when its node_modules is missing; the output goes to stderr. */
export function ensureEmmettPgInstalled(log: (line: string) => void): void {
  if (existsSync(join(packageDir, 'package.json'))) return;
  log(`installing the emmett-postgresql baseline: npm ci --prefix ${emmettPgDir}`);
  // stdout stays the table's: npm's output goes to stderr.
  execFileSync('npm', ['ci', '--prefix', emmettPgDir, '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
}

/** Emmett's PostgreSQL package, required by absolute path from emmett-pg/node_modules (its CommonJS build). */
export function loadEmmettPg(): EmmettPg {
  return require(packageDir) as EmmettPg;
}

/** Emmett's connection pool package (dumbo), from the same install. */
export function loadEmmettDumbo(): EmmettDumbo {
  return require(dumboDir) as EmmettDumbo;
}
