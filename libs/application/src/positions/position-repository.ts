import type { PositionCommand, PositionEvent, PositionState } from '@trader/domain';
import { AggregateRepository } from '../ports/aggregate-repository.port';

/** One position per market, in stream `position-<market>` (for example `position-KRW-BTC`). */
export const POSITION_AGGREGATE = 'position';

export type PositionRepository = AggregateRepository<PositionCommand, PositionEvent, PositionState>;

export const POSITION_REPOSITORY = Symbol('POSITION_REPOSITORY');
