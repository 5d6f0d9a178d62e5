import { CommandContext } from '../../ports/aggregate-repository.port';

/** Switch the database profile; deferred while an order is in flight (the switch backs up first). */
export class SwitchDatabaseProfile {
  constructor(
    readonly changeId: string,
    readonly profile: string,
    readonly urgent: boolean,
    readonly context: CommandContext = {},
  ) {}
}
