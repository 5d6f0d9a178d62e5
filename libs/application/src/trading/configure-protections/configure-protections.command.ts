import type { Protections } from '@trader/domain';
import { CommandContext } from '../../ports/aggregate-repository.port';

/** Set the protections that lock entries after a bad streak (validated by the domain; absent = off). */
export class ConfigureProtections {
  constructor(
    readonly protections: Protections,
    readonly context: CommandContext = {},
  ) {}
}
