import type { JsonValue } from '@trader/domain';
import { CommandContext } from '../../ports/aggregate-repository.port';

/**
 * Change a setting. Applied at once when no order is in flight; otherwise deferred until the last one
 * ends, or refused at once when `urgent`.
 */
export class RequestConfigChange {
  constructor(
    readonly changeId: string,
    readonly key: string,
    readonly value: JsonValue,
    readonly urgent: boolean,
    readonly context: CommandContext = {},
  ) {}
}
