/**
 * The optimistic-concurrency condition of an append: `'any'` skips the check, `'no_stream'` requires
 * that the stream has no event yet, a number requires that the stream is exactly at that version
 * (0 is the same as `'no_stream'`).
 */
export type ExpectedVersion = 'any' | 'no_stream' | number;
