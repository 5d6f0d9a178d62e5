import { readFile } from 'node:fs/promises';
import { Dec, parseDecimal } from '../engine/decimal';

export type ReplayFrame =
  | { readonly kind: 'trade'; readonly at: number; readonly code: string; readonly price: Dec; readonly volume: Dec; readonly askBid: 'ASK' | 'BID' }
  | {
      readonly kind: 'orderbook';
      readonly at: number;
      readonly code: string;
      readonly asks: Array<{ price: Dec; size: Dec }>;
      readonly bids: Array<{ price: Dec; size: Dec }>;
    };

export class ReplayFileError extends Error {
  readonly code = 'INVALID_REPLAY_FILE';

  constructor(
    message: string,
    readonly line: number,
    readonly value: unknown,
  ) {
    super(`replay line ${line}: ${message}`);
    this.name = 'ReplayFileError';
  }
}

/** Reads a field by its DEFAULT name or its SIMPLE abbreviation. */
function field(frame: Record<string, unknown>, name: string, short: string): unknown {
  return frame[name] ?? frame[short];
}

function decimal(value: unknown, line: number, name: string): Dec {
  const parsed = parseDecimal(typeof value === 'number' ? String(value) : value);
  if (parsed === undefined) throw new ReplayFileError(`${name} is not a number`, line, value);
  return parsed;
}

/**
 * Parses recorded Upbit WebSocket frames (one JSON object per line, DEFAULT or SIMPLE format). Trade
 * and orderbook frames drive the replay; tickers and candles are derived again from the trades, so
 * other frame types are skipped.
 */
export function parseReplay(text: string): ReplayFrame[] {
  const frames: ReplayFrame[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new ReplayFileError('not JSON', line, raw.slice(0, 100));
    }
    const type = field(frame, 'type', 'ty');
    const code = field(frame, 'code', 'cd');
    const at = Number(field(frame, 'timestamp', 'tms'));
    if (type !== 'trade' && type !== 'orderbook') return;
    if (typeof code !== 'string' || !Number.isFinite(at)) throw new ReplayFileError('code or timestamp missing', line, frame);
    if (type === 'trade') {
      const askBid = field(frame, 'ask_bid', 'ab');
      if (askBid !== 'ASK' && askBid !== 'BID') throw new ReplayFileError('ask_bid must be ASK or BID', line, askBid);
      frames.push({
        kind: 'trade',
        at,
        code,
        price: decimal(field(frame, 'trade_price', 'tp'), line, 'trade_price'),
        volume: decimal(field(frame, 'trade_volume', 'tv'), line, 'trade_volume'),
        askBid,
      });
      return;
    }
    const units = field(frame, 'orderbook_units', 'obu');
    if (!Array.isArray(units)) throw new ReplayFileError('orderbook_units missing', line, frame);
    const rows = units as Record<string, unknown>[];
    frames.push({
      kind: 'orderbook',
      at,
      code,
      asks: rows.map((u) => ({ price: decimal(field(u, 'ask_price', 'ap'), line, 'ask_price'), size: decimal(field(u, 'ask_size', 'as'), line, 'ask_size') })),
      bids: rows.map((u) => ({ price: decimal(field(u, 'bid_price', 'bp'), line, 'bid_price'), size: decimal(field(u, 'bid_size', 'bs'), line, 'bid_size') })),
    });
  });
  return frames.sort((a, b) => a.at - b.at);
}

export async function loadReplayFile(path: string): Promise<ReplayFrame[]> {
  return parseReplay(await readFile(path, 'utf8'));
}
