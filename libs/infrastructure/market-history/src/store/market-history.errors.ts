/** The file was written by a newer version of this code: its schema is unknown here. */
export class MarketHistorySchemaError extends Error {
  readonly code = 'MARKET_HISTORY_SCHEMA_TOO_NEW';

  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(`Market history ${path} is at schema version ${fileVersion}; this code knows up to ${knownVersion}`);
    this.name = 'MarketHistorySchemaError';
  }
}

/** A candle or trade that cannot be stored as it is (the field and value named); nothing of its batch was written. */
export class InvalidMarketHistoryRowError extends Error {
  readonly code = 'INVALID_MARKET_HISTORY_ROW';

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`${field} ${JSON.stringify(value)}: ${reason}`);
    this.name = 'InvalidMarketHistoryRowError';
  }
}

/** A write through a store opened read-only. */
export class MarketHistoryReadOnlyError extends Error {
  readonly code = 'MARKET_HISTORY_READ_ONLY';

  constructor(readonly path: string) {
    super(`Market history ${path} is open read-only`);
    this.name = 'MarketHistoryReadOnlyError';
  }
}

/** A stored column page does not hold what its row says (a damaged file): the store refuses to read it. */
export class CorruptCandleColumnsError extends Error {
  readonly code = 'CORRUPT_CANDLE_COLUMNS';

  constructor(
    readonly page: string,
    readonly reason: string,
  ) {
    super(`Candle column page ${page}: ${reason}`);
    this.name = 'CorruptCandleColumnsError';
  }
}
