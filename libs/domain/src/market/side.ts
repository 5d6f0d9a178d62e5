import { enumParser } from '../shared/enum-parser';

/** Buy or sell. Upbit says bid/ask; the gateway adapter maps. */
export const SIDES = ['buy', 'sell'] as const;
export type Side = (typeof SIDES)[number];
export const parseSide = enumParser<Side>('side', SIDES);
