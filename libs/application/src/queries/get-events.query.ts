/**
 * Stored events, oldest first: of one stream, of one type, of one correlation chain, or all, from a
 * position on, optionally recorded within a time range (epoch ms, `recordedFrom <= recordedAt < recordedBefore`).
 * With `newestFirst`, newest first instead, from `fromPosition` (default: the newest) down.
 */
export class GetEvents {
  constructor(
    readonly filter: {
      readonly streamId?: string;
      readonly type?: string;
      readonly correlationId?: string;
      readonly fromPosition?: number;
      readonly recordedFrom?: number;
      readonly recordedBefore?: number;
      readonly limit?: number;
      readonly newestFirst?: boolean;
    } = {},
  ) {}
}
