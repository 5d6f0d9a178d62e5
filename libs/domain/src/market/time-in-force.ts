import { enumParser } from '../shared/enum-parser';

/** gtc is Upbit's default (no time_in_force sent); ioc/fok with limit or best; post_only with limit only. */
export const TIME_IN_FORCE = ['gtc', 'ioc', 'fok', 'post_only'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];
export const parseTimeInForce = enumParser<TimeInForce>('time in force', TIME_IN_FORCE);
